package dev.sessionmap.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One browser over real HTTP, possibly firing several requests at once: it sends the
 * session cookie it holds and takes the one each response sets, against any instance of
 * the application.
 */
final class Visitor {

    private static final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private static final JsonMapper json = JsonMapper.builder().build();

    volatile @Nullable String cookie;

    HttpResponse<String> get(int port, String path) {
        try {
            return send(port, path).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
    }

    /** Sends the request without waiting for its answer, with the cookie held now. */
    CompletableFuture<HttpResponse<String>> send(int port, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60));
        String held = this.cookie;
        if (held != null) {
            request.header("Cookie", "sessionid=" + held);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
            sessionCookie(response).ifPresent((header) -> {
                String value = header.substring("sessionid=".length(), header.indexOf(';'));
                this.cookie = (header.contains("Max-Age=0") || value.isEmpty()) ? null : value;
            });
            return response;
        });
    }

    /** The session as the application sees it. */
    Map<String, Object> session(int port) {
        HttpResponse<String> response = get(port, "/dump");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/dump answered " + response.statusCode());
        }
        return json.readValue(response.body(), new TypeReference<Map<String, Object>>() {
        });
    }

    static Optional<String> sessionCookie(HttpResponse<?> response) {
        return response.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter((h) -> h.startsWith("sessionid="))
            .findFirst();
    }

}
