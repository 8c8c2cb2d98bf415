package dev.sessionmap.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample site over real HTTP, with a client that keeps cookies: what the browser test covers
 * too, and the edge cases it does not (bad form input, forged requests), on every machine.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleSiteHttpTests {

    /** Follows redirects as a browser does (a POST answered by a redirect becomes a GET), keeping cookies. */
    private final HttpClient client = HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();

    @LocalServerPort
    int port;

    @Test
    void theCounterPageAndThePlainTextCounterShareOneCount() {
        assertThat(get("/").body()).contains("You have visited this page <strong id=\"count\">1</strong>");
        assertThat(get("/counter").body()).isEqualTo("2");
        assertThat(get("/").body()).contains("<strong id=\"count\">3</strong>");
    }

    @Test
    void aCommentThatIsEmptyOrTooLongIsAMessageAndDoesNotUseTheVisitorsOneComment() {
        HttpResponse<String> empty = post("/comments", Map.of("text", "  "));
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("Write something first.");
        assertThat(post("/comments", Map.of()).body()).contains("Write something first.");
        assertThat(post("/comments", Map.of("text", "x".repeat(CommentBoard.MAX_LENGTH + 1))).body())
            .contains("A comment is at most 500 characters.");

        assertThat(post("/comments", Map.of("text", "<b>bold</b> & plain")).body()).contains("Thanks for your comment!")
            .contains("&lt;b&gt;bold&lt;/b&gt; &amp; plain");
        assertThat(post("/comments", Map.of("text", "again")).body()).contains("You have already commented.");
    }

    @Test
    void aWrongPasswordOrUnknownMemberIsRefusedWithAMessage() {
        for (Map<String, String> form : List.of(Map.of("username", "alice", "password", "builder"),
                Map.of("username", "carol", "password", "wonderland"), Map.<String, String>of())) {
            get("/login");
            HttpResponse<String> response = post("/login", form);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Unknown username or wrong password.").contains("Not logged in");
        }
    }

    @Test
    void logInAndOutWithAFlashMessageShownOnce() {
        get("/login");
        HttpResponse<String> login = post("/login", Map.of("username", "bob", "password", "builder"));
        assertThat(login.uri().getPath()).isEqualTo("/");
        assertThat(login.body()).contains("Logged in as <strong id=\"member\">Bob</strong>").contains("Welcome, Bob.");
        assertThat(get("/comments").body()).contains("Logged in as <strong id=\"member\">Bob</strong>")
            .doesNotContain("Welcome, Bob.");
        HttpResponse<String> logout = post("/logout", Map.of());
        assertThat(logout.uri().getPath()).isEqualTo("/");
        assertThat(logout.body()).contains("Not logged in").contains("You are logged out.").doesNotContain("Bob");
        assertThat(get("/").body()).doesNotContain("You are logged out.");
    }

    @Test
    void aBrowserThatKeepsNoCookiesIsAskedToEnableThem() {
        HttpClient cookieless = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> login;
        try {
            cookieless.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
            login = cookieless.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString("username=bob&password=builder"))
                .build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Please enable cookies").contains("Not logged in");
    }

    @Test
    void aPostThatABrowserSendsFromAnotherSiteIsRefused() {
        Map<String, String> alice = Map.of("username", "alice", "password", "wonderland");
        assertThat(postWith("/login", alice, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(postWith("/login", alice, "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
        assertThat(postWith("/login", alice, "Sec-Fetch-Site", "cross-site", "Origin", origin()).statusCode())
            .as("Sec-Fetch-Site decides when present").isEqualTo(403);
        assertThat(postWith("/comments", Map.of("text", "forged"), "Sec-Fetch-Site", "cross-site").statusCode())
            .isEqualTo(403);
        assertThat(get("/").body()).contains("Not logged in");

        get("/login");
        assertThat(postWith("/login", alice, "Sec-Fetch-Site", "same-origin").body()).contains("Logged in as");
        assertThat(postWith("/logout", Map.of(), "Sec-Fetch-Site", "none").body()).contains("Not logged in");
    }

    @Test
    void withoutSecFetchSiteAPostPassesOnlyWithThisSitesOrigin() {
        Map<String, String> alice = Map.of("username", "alice", "password", "wonderland");
        get("/login");
        assertThat(postWith("/login", alice).statusCode()).as("neither header, as from an old browser").isEqualTo(403);
        for (String other : List.of("http://evil.example", "http://127.0.0.1:" + (this.port + 1),
                "https://127.0.0.1:" + this.port, "null", "not a url")) {
            assertThat(postWith("/login", alice, "Origin", other).statusCode()).as(other).isEqualTo(403);
        }
        assertThat(get("/").body()).contains("Not logged in");

        assertThat(postWith("/login", alice, "Origin", origin()).body()).contains("Logged in as");
        assertThat(postWith("/logout", Map.of(), "Origin", origin()).body()).contains("Not logged in");
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A form posted from the site's own page: a current browser sends both headers. */
    private HttpResponse<String> post(String path, Map<String, String> form) {
        return postWith(path, form, "Sec-Fetch-Site", "same-origin", "Origin", origin());
    }

    /** A form posted with only the given headers, as a forger or an old browser sends it. */
    private HttpResponse<String> postWith(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet()
            .stream()
            .map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private URI uri(String path) {
        return URI.create(origin() + path);
    }

    private String origin() {
        return "http://127.0.0.1:" + this.port;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
