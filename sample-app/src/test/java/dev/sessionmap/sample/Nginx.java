package dev.sessionmap.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx as a plain round-robin load balancer in front of the sample's nodes, run
 * as a child process with its configuration, logs and temporary files in one directory.
 * It listens on two ports: {@link #port()} forwards the client's own scheme,
 * {@link #httpsPort()} stands for a TLS-terminating front and tells the nodes
 * {@code X-Forwarded-Proto: https}. Every response carries {@code X-Upstream} (nginx's
 * {@code $upstream_addr}): the node, or the nodes tried, that served it.
 */
final class Nginx implements AutoCloseable {

    static final String UPSTREAM_HEADER = "X-Upstream";

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

    private final Process process;

    private final Path directory;

    private final int port;

    private final int httpsPort;

    private Nginx(Process process, Path directory, int port, int httpsPort) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.httpsPort = httpsPort;
    }

    /** The nginx executable, or {@code null} when nginx is not installed. */
    static @Nullable Path binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * Writes the configuration for these node ports into {@code directory}, starts nginx
     * and waits until both its ports accept connections.
     */
    static Nginx start(Path binary, Path directory, List<Integer> nodePorts) throws IOException {
        int port = freePort();
        int httpsPort = freePort();
        Path config = directory.resolve("nginx.conf");
        Files.writeString(config, config(directory, port, httpsPort, nodePorts), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(binary.toString(), "-p", directory.toString(), "-c", config.toString(),
                "-e", directory.resolve("error.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("stdout.log").toFile())
            .start();
        Nginx nginx = new Nginx(process, directory, port, httpsPort);
        try {
            await("nginx listening on " + port + " and " + httpsPort).atMost(Duration.ofSeconds(20))
                .until(() -> !process.isAlive() || (accepts(port) && accepts(httpsPort)));
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + nginx.errorLog());
            }
        }
        catch (RuntimeException ex) {
            nginx.close();
            throw ex;
        }
        return nginx;
    }

    int port() {
        return this.port;
    }

    int httpsPort() {
        return this.httpsPort;
    }

    /** The access log: method, URI, status and the upstream tried, one request a line. */
    List<String> accessLog() throws IOException {
        return Files.readAllLines(this.directory.resolve("access.log"));
    }

    String errorLog() {
        try {
            return Files.readString(this.directory.resolve("error.log"));
        }
        catch (IOException ex) {
            return "(no error log: " + ex + ")";
        }
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Round-robin with nginx's defaults made explicit: a request goes to the next node
     * only when its node could not be reached or did not answer in time, and a POST
     * already sent is never sent again ({@code non_idempotent} is left out on purpose).
     * The forwarded headers are repeated in each {@code location}: nginx inherits
     * {@code proxy_set_header} only into a level that sets none of its own.
     */
    private static String config(Path dir, int port, int httpsPort, List<Integer> nodePorts) {
        String servers = nodePorts.stream()
            .map((node) -> "        server 127.0.0.1:" + node + ";")
            .collect(Collectors.joining("\n"));
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 512;
                }
                http {
                    log_format upstream '$request_method $request_uri $status upstream=$upstream_addr upstream_status=$upstream_status';
                    access_log %1$s/access.log upstream;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream sample {
                %2$s
                    }
                    proxy_connect_timeout 2s;
                    proxy_read_timeout 30s;
                    proxy_next_upstream error timeout;
                    proxy_next_upstream_tries 3;
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://sample;
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header X-Forwarded-Host $host;
                            proxy_set_header X-Forwarded-Port $server_port;
                            add_header X-Upstream $upstream_addr always;
                        }
                    }
                    server {
                        listen 127.0.0.1:%4$d;
                        location / {
                            proxy_pass http://sample;
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto https;
                            proxy_set_header X-Forwarded-Host $host;
                            proxy_set_header X-Forwarded-Port $server_port;
                            add_header X-Upstream $upstream_addr always;
                        }
                    }
                }
                """
            .formatted(dir, servers, port, httpsPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

}
