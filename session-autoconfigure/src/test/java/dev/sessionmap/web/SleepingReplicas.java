package dev.sessionmap.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;

import org.springframework.data.redis.connection.RedisNode;

import static org.awaitility.Awaitility.await;

/**
 * Puts Redis replicas to sleep ({@code DEBUG SLEEP}, which needs
 * {@code enable-debug-command}; the test is skipped, saying so, without it) so they stop
 * acknowledging writes, over plain RESP. (Like session-core's test helper of the same
 * job; test sources are not shared between modules.)
 */
final class SleepingReplicas {

    private SleepingReplicas() {
    }

    /**
     * Puts {@code node} to sleep for {@code duration}; returns once it no longer answers.
     */
    static void sleep(RedisNode node, Duration duration) throws IOException {
        Socket socket = new Socket(node.getRequiredHost(), node.getRequiredPort());
        socket.setSoTimeout(200);
        send(socket, "DEBUG", "SLEEP", Double.toString(duration.toMillis() / 1000.0));
        try {
            String reply = line(socket.getInputStream());
            socket.close();
            Assumptions.abort("Redis at " + node + " refused DEBUG SLEEP (" + reply
                    + "); start it with --enable-debug-command yes");
        }
        catch (SocketTimeoutException ex) {
            // Asleep: the reply comes when it wakes, to a socket nobody reads.
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !answers(node));
    }

    /** Waits until {@code node} answers again. */
    static void awake(RedisNode node) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> answers(node));
    }

    private static boolean answers(RedisNode node) throws IOException {
        try (Socket socket = new Socket(node.getRequiredHost(), node.getRequiredPort())) {
            socket.setSoTimeout(50);
            send(socket, "PING");
            return line(socket.getInputStream()).equals("+PONG");
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
    }

    private static void send(Socket socket, String... args) throws IOException {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            command.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(command.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

}
