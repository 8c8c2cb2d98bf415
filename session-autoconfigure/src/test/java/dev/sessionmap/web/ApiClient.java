package dev.sessionmap.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * An API client for tests: real HTTP, and it keeps its session token in the session
 * header as an API client would, sending it on every request (empty while it has none,
 * which asks for header mode) and replacing it whenever a response carries the header (an
 * empty value drops it). It keeps no cookies.
 */
final class ApiClient {

    static final String HEADER = "X-Session-Token";

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    /** The token sent; empty for none. */
    String token = "";

    /**
     * A {@code Cookie} header to send along, as a browser-based client might, or
     * {@code null}.
     */
    @Nullable String cookie;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
            .timeout(Duration.ofSeconds(30))
            .header(HEADER, this.token);
        if (this.cookie != null) {
            request.header("Cookie", this.cookie);
        }
        try {
            HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue(HEADER).ifPresent((value) -> this.token = value);
            if (response.headers().allValues("Set-Cookie").stream().anyMatch((h) -> h.startsWith("JSESSIONID="))) {
                throw new AssertionError("The container made a session of its own: " + response.headers());
            }
            return response;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
