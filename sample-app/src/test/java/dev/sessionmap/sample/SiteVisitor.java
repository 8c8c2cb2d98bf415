package dev.sessionmap.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One visitor of the sample site over real HTTP, as a browser behaves: it keeps its
 * cookies, follows redirects (a POST answered by a redirect becomes a GET), and posts a
 * form with the CSRF token of the page it last loaded. Every response on the way,
 * redirects included, is checked to set no {@code JSESSIONID}: the servlet session is the
 * sessionmap session.
 */
final class SiteVisitor {

    static final String SESSION_COOKIE = "sessionid";

    /** What a browser accepts: an error comes back as the site's page, not as JSON. */
    private static final String ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final String origin;

    private final CookieManager cookies = new CookieManager();

    private final HttpClient client;

    private final @Nullable String userAgent;

    private @Nullable String token;

    SiteVisitor(int port) {
        this(port, null);
    }

    /** A visitor whose requests say they come from {@code userAgent}, when given. */
    SiteVisitor(int port, @Nullable String userAgent) {
        this.userAgent = userAgent;
        this.origin = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder()
            .cookieHandler(this.cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", ACCEPT).GET());
    }

    /**
     * Posts the form with the CSRF token from the last page that had one, as the page's
     * own form does.
     */
    HttpResponse<String> post(String path, Map<String, String> form) {
        assertThat(this.token).as("a CSRF token from a page loaded before posting to " + path).isNotNull();
        return postWithToken(path, form, this.token);
    }

    /** Posts the form as a page on another site or a script does: without the token. */
    HttpResponse<String> postWithoutToken(String path, Map<String, String> form) {
        return send(formPost(path, form));
    }

    HttpResponse<String> postWithToken(String path, Map<String, String> form, String token) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", token);
        return send(formPost(path, withToken));
    }

    /** Loads the log-in page and logs in with its form. */
    HttpResponse<String> logIn(String username, String password) {
        get("/login");
        return post("/login", Map.of("username", username, "password", password));
    }

    /** The CSRF token of the last page that had a form. */
    String token() {
        assertThat(this.token).as("a CSRF token from a page").isNotNull();
        return this.token;
    }

    /** The session cookie's value as this visitor holds it now, if any. */
    Optional<String> sessionCookie() {
        return this.cookies.getCookieStore()
            .get(uri("/"))
            .stream()
            .filter((cookie) -> cookie.getName().equals(SESSION_COOKIE))
            .map(HttpCookie::getValue)
            .findFirst();
    }

    /**
     * A GET that presents only this session cookie value, as someone who copied it would:
     * no redirects followed.
     */
    HttpResponse<String> getPresenting(String path, String sessionCookie) {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
            .header("Cookie", SESSION_COOKIE + "=" + sessionCookie)
            .build();
        try {
            return checked(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    URI uri(String path) {
        return URI.create(this.origin + path);
    }

    private HttpRequest.Builder formPost(String path, Map<String, String> form) {
        String body = form.entrySet()
            .stream()
            .map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri(path))
            .header("Accept", ACCEPT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (this.userAgent != null) {
            request.header("User-Agent", this.userAgent);
        }
        HttpResponse<String> response;
        try {
            response = checked(this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        Matcher field = CSRF_FIELD.matcher(response.body());
        if (field.find()) {
            this.token = field.group(1);
        }
        return response;
    }

    /**
     * The response, once it and every redirect before it are shown to set no container
     * session cookie.
     */
    private static HttpResponse<String> checked(HttpResponse<String> response) {
        for (HttpResponse<String> each = response; each != null; each = each.previousResponse().orElse(null)) {
            assertThat(each.headers().allValues("Set-Cookie"))
                .as("Set-Cookie of %s %s", each.request().method(), each.uri())
                .noneMatch((header) -> header.regionMatches(true, 0, "JSESSIONID=", 0, "JSESSIONID=".length()));
        }
        return response;
    }

}
