package dev.sessionmap.benchmarks.apps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One of the compared apps, started on its own in-memory H2 database and a free port,
 * with a client that keeps its cookie.
 */
final class RunningApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final HttpClient client = HttpClient.newHttpClient();

    private final String base;

    private @Nullable String cookie;

    /**
     * @param properties more arguments, {@code --name=value}
     */
    RunningApp(String app, String... properties) {
        List<String> args = new ArrayList<>(
                List.of("--spring.profiles.active=h2", "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
                        "--server.port=0", "--server.address=127.0.0.1", "--bench.count-sql=true"));
        args.addAll(List.of(properties));
        this.context = SpringApplication.run(BenchmarkApps.App.of(app).type, args.toArray(String[]::new));
        this.base = "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
    }

    /** GETs {@code path} with the kept cookie, and keeps the one the response sets. */
    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
            .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (this.cookie != null) {
            request.header("Cookie", this.cookie);
        }
        HttpResponse<String> response = send(request.build());
        response.headers().firstValue("Set-Cookie").ifPresent((header) -> this.cookie = header.split(";", 2)[0]);
        return response;
    }

    /** The SQL statements' verbs of a request made with {@code X-Bench-Probe: probe}. */
    List<String> probedVerbs(String probe) {
        String body = send(HttpRequest.newBuilder(URI.create(this.base + "/bench/sql/" + probe)).build()).body();
        return body.lines().map((sql) -> sql.split(" ", 2)[0].toUpperCase(Locale.ROOT)).toList();
    }

    /** The name of the cookie the app set, or {@code null}. */
    @Nullable String cookieName() {
        return (this.cookie != null) ? this.cookie.substring(0, this.cookie.indexOf('=')) : null;
    }

    void forgetCookie() {
        this.cookie = null;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return this.client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        this.context.close();
    }

}
