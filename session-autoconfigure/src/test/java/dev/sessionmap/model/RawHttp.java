package dev.sessionmap.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request over a socket, its {@code Cookie} header sent byte for byte as
 * given (as UTF-8), which an HTTP client library would refuse or rewrite.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** A response: its status and its body, de-chunked. */
    record Response(int status, String head, String body) {
    }

    static Response postProgram(int port, String cookieHeader, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String cookie = cookieHeader.replace('\r', ' ').replace('\n', ' ');
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                write(out, port, cookie, body);
            }
            catch (IOException ex) {
                // The server may answer a header too large for it (a 400) and close the
                // connection while the request is still being written.
            }
            byte[] answer;
            try {
                answer = socket.getInputStream().readAllBytes();
            }
            catch (IOException ex) {
                return CLOSED;
            }
            return (answer.length == 0) ? CLOSED : parse(answer);
        }
    }

    /** The server closed the connection without answering. */
    static final Response CLOSED = new Response(-1, "(closed without an answer)", "");

    private static void write(OutputStream out, int port, String cookie, byte[] body) throws IOException {
        out.write(("POST /program HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\nCookie: ")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(cookie.getBytes(StandardCharsets.UTF_8));
        out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("No complete response: " + text);
        }
        String head = text.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Response(status, head, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return out.toByteArray();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            in.skip(2);
        }
    }

}
