package dev.sessionmap.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A minimal browser for tests: real HTTP, and it keeps the session cookie the server sets
 * and sends it back, as a browser would, while letting the test see every
 * {@code Set-Cookie} header.
 */
final class Browser {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    private final String cookieName;

    @Nullable String cookie;

    /**
     * Other cookies the server set (such as the flash marker), sent back like the session
     * cookie.
     */
    final Map<String, String> otherCookies = new LinkedHashMap<>();

    /** Extra request headers, such as {@code User-Agent} or {@code X-Forwarded-For}. */
    final Map<String, String> headers = new LinkedHashMap<>();

    /** The name of every cookie any response set. */
    final Set<String> cookiesSet = new LinkedHashSet<>();

    Browser(int port) {
        this(port, "sessionid");
    }

    Browser(int port, String cookieName) {
        this.base = "http://127.0.0.1:" + port;
        this.cookieName = cookieName;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30)));
    }

    /** Posts {@code form} as a browser submits a form. */
    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = String.join("&",
                form.entrySet()
                    .stream()
                    .map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .toList());
        return send(HttpRequest.newBuilder(URI.create(this.base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends a {@code DELETE}, as an operator's HTTP client does. */
    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30)).DELETE());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        Map<String, String> cookies = new LinkedHashMap<>(this.otherCookies);
        if (this.cookie != null) {
            cookies.put(this.cookieName, this.cookie);
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ",
                    cookies.entrySet().stream().map((c) -> c.getKey() + "=" + c.getValue()).toList()));
        }
        this.headers.forEach(request::header);
        try {
            HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            sessionCookie(response).ifPresent((header) -> {
                String value = header.substring(this.cookieName.length() + 1, header.indexOf(';'));
                this.cookie = (header.contains("Max-Age=0") || value.isEmpty()) ? null : value;
            });
            for (String header : response.headers().allValues("Set-Cookie")) {
                String name = header.substring(0, header.indexOf('='));
                this.cookiesSet.add(name);
                if (name.equalsIgnoreCase("JSESSIONID")) {
                    // Every test over HTTP checks it: the servlet session is the
                    // visitor's sessionmap session.
                    throw new AssertionError("The container made a session of its own: " + header);
                }
                if (!name.equals(this.cookieName)) {
                    String value = header.substring(name.length() + 1, header.indexOf(';'));
                    if (header.contains("Max-Age=0") || value.isEmpty()) {
                        this.otherCookies.remove(name);
                    }
                    else {
                        this.otherCookies.put(name, value);
                    }
                }
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

    Optional<String> sessionCookie(HttpResponse<?> response) {
        List<String> headers = response.headers().allValues("Set-Cookie");
        return headers.stream().filter((header) -> header.startsWith(this.cookieName + "=")).findFirst();
    }

}
