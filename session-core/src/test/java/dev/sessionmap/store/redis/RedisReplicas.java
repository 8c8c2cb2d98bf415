package dev.sessionmap.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * Replicated Redis topologies for the tests of waiting for replicas, named by
 * {@code SESSIONMAP_REDIS_SENTINEL_NODES} with {@code SESSIONMAP_REDIS_SENTINEL_MASTER},
 * and {@code SESSIONMAP_REDIS_CLUSTER_NODES} (comma-separated host:port); tests skip,
 * saying which variable to set, without them. Speaks plain RESP to single nodes, so that
 * a replica can be read or put to sleep whatever the store's connection does. Shared with
 * other modules' tests through the test jar.
 */
public final class RedisReplicas {

    private RedisReplicas() {
    }

    /** The value of {@code variable}, split at commas; skips the test without it. */
    static List<String> nodes(String variable) {
        String value = System.getenv(variable);
        Assumptions.assumeTrue(value != null && !value.isBlank(),
                "No replicated Redis: set " + variable + " (host:port,...) to run these tests");
        return Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    /** The value of {@code variable}, or {@code fallback}. */
    static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return (value != null && !value.isBlank()) ? value : fallback;
    }

    /**
     * Whether the replica at {@code host}:{@code port} holds {@code key}, read at once.
     */
    static boolean holds(String host, int port, String key) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(2000);
            // READONLY lets a cluster replica answer for its primary's slots; elsewhere
            // it is refused, which does not matter.
            send(socket, "READONLY");
            send(socket, "EXISTS", key);
            line(socket.getInputStream());
            return line(socket.getInputStream()).equals(":1");
        }
    }

    /**
     * Puts the node at {@code host}:{@code port} to sleep for {@code duration}
     * ({@code DEBUG SLEEP}) and returns once it no longer answers; skips the test when
     * the server refuses {@code DEBUG} ({@code enable-debug-command}).
     */
    public static void sleep(String host, int port, Duration duration) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(200);
        send(socket, "DEBUG", "SLEEP", Double.toString(duration.toMillis() / 1000.0));
        try {
            String reply = line(socket.getInputStream());
            socket.close();
            Assumptions.assumeTrue(false, "Redis at " + port + " refused DEBUG SLEEP (" + reply
                    + "); start it with --enable-debug-command yes");
        }
        catch (SocketTimeoutException ex) {
            // Asleep: the reply comes when it wakes, to a socket nobody reads.
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !answers(host, port));
    }

    /** Waits until the node at {@code host}:{@code port} answers again. */
    public static void awake(String host, int port) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> answers(host, port));
    }

    private static boolean answers(String host, int port) throws IOException {
        try (Socket socket = new Socket(host, port)) {
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
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(command.toString().getBytes(StandardCharsets.UTF_8));
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
