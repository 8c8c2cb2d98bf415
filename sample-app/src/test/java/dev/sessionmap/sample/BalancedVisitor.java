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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One visitor of the sample site through the load balancer, as a browser behaves: its own
 * cookies, redirects followed, forms posted with the CSRF token of the last page. Unlike
 * {@link SiteVisitor} it never fails on a bad answer: it records every exchange,
 * redirects included, with its status and the node nginx says served it, so a test can
 * count what was lost when a node went away.
 */
final class BalancedVisitor {

    /** Status recorded when no HTTP answer came back at all. */
    static final int NO_RESPONSE = 0;

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final String origin;

    private final CookieManager cookies = new CookieManager();

    private final HttpClient client;

    private final Map<String, String> headers;

    private final List<Exchange> exchanges = new ArrayList<>();

    private @Nullable String token;

    /** A visitor sending these extra headers with every request. */
    BalancedVisitor(int port, Map<String, String> headers) {
        this.origin = "http://127.0.0.1:" + port;
        this.headers = Map.copyOf(headers);
        this.client = HttpClient.newBuilder()
            .cookieHandler(this.cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    BalancedVisitor(int port) {
        this(port, Map.of());
    }

    /** A GET, or {@code null} when no answer came back (recorded either way). */
    @Nullable HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Posts the form with the CSRF token of the last page that had a form. */
    @Nullable HttpResponse<String> post(String path, Map<String, String> form) {
        if (this.token == null) {
            throw new IllegalStateException("No page with a CSRF token loaded before posting to " + path);
        }
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", this.token);
        String body = withToken.entrySet()
            .stream()
            .map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Every exchange so far, redirects included, in order. */
    List<Exchange> exchanges() {
        return List.copyOf(this.exchanges);
    }

    /** The session cookie's value as this visitor holds it now, if any. */
    Optional<String> sessionCookie() {
        return this.cookies.getCookieStore()
            .get(uri("/"))
            .stream()
            .filter((cookie) -> cookie.getName().equals(SiteVisitor.SESSION_COOKIE))
            .map(HttpCookie::getValue)
            .findFirst();
    }

    private URI uri(String path) {
        return URI.create(this.origin + path);
    }

    private @Nullable HttpResponse<String> send(HttpRequest.Builder builder) {
        builder.header("Accept", "text/html,text/plain,*/*;q=0.8").timeout(Duration.ofSeconds(30));
        this.headers.forEach(builder::header);
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            this.exchanges
                .add(new Exchange(request.method(), request.uri().getPath(), NO_RESPONSE, "", System.nanoTime()));
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        long answeredAt = System.nanoTime();
        List<Exchange> chain = new ArrayList<>();
        for (HttpResponse<String> each = response; each != null; each = each.previousResponse().orElse(null)) {
            chain.add(0, new Exchange(each.request().method(), each.uri().getPath(), each.statusCode(),
                    each.headers().firstValue(Nginx.UPSTREAM_HEADER).orElse(""), answeredAt));
        }
        this.exchanges.addAll(chain);
        Matcher field = CSRF_FIELD.matcher(response.body());
        if (field.find()) {
            this.token = field.group(1);
        }
        return response;
    }

    /**
     * One request and its answer: {@code upstream} is nginx's {@code $upstream_addr}, one
     * address, or several when nginx had to try another node; {@code answeredAt} is the
     * {@link System#nanoTime()} when the answer (or the failure) came back.
     */
    record Exchange(String method, String path, int status, String upstream, long answeredAt) {

        /** The node that answered: the last one nginx tried. */
        String node() {
            int comma = this.upstream.lastIndexOf(',');
            return ((comma < 0) ? this.upstream : this.upstream.substring(comma + 1)).strip();
        }

        /** Whether nginx tried more than one node for this request. */
        boolean retried() {
            return this.upstream.contains(",");
        }

    }

}
