package dev.sessionmap.sample;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample site over real HTTP, with a client that keeps cookies: what the browser test
 * covers too, and the edge cases it does not (bad form input, forged and replayed
 * requests), on every machine. No response may set {@code JSESSIONID}
 * ({@link SiteVisitor} checks each one).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleSiteHttpTests {

    private static final String BOB = "Logged in as <strong id=\"member\">Bob</strong>";

    @LocalServerPort
    int port;

    private SiteVisitor visitor;

    @BeforeEach
    void visit() {
        this.visitor = new SiteVisitor(this.port);
    }

    @Test
    void theCounterPageAndThePlainTextCounterShareOneCount() {
        assertThat(this.visitor.get("/").body()).contains("You have visited this page <strong id=\"count\">1</strong>");
        assertThat(this.visitor.get("/counter").body()).isEqualTo("2");
        assertThat(this.visitor.get("/").body()).contains("<strong id=\"count\">3</strong>");
    }

    @Test
    void aCommentThatIsEmptyOrTooLongIsAMessageAndDoesNotUseTheVisitorsOneComment() {
        this.visitor.get("/comments");
        HttpResponse<String> empty = this.visitor.post("/comments", Map.of("text", "  "));
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("Write something first.");
        assertThat(this.visitor.post("/comments", Map.of()).body()).contains("Write something first.");
        assertThat(this.visitor.post("/comments", Map.of("text", "x".repeat(CommentBoard.MAX_LENGTH + 1))).body())
            .contains("A comment is at most 500 characters.");

        assertThat(this.visitor.post("/comments", Map.of("text", "<b>bold</b> & plain")).body())
            .contains("Thanks for your comment!")
            .contains("&lt;b&gt;bold&lt;/b&gt; &amp; plain");
        assertThat(this.visitor.post("/comments", Map.of("text", "again")).body())
            .contains("You have already commented.");
    }

    @Test
    void aMembersCommentCarriesTheirName() {
        this.visitor.logIn("bob", "builder");
        this.visitor.get("/comments");
        String text = "Bob was here " + System.nanoTime();
        assertThat(this.visitor.post("/comments", Map.of("text", text)).body()).contains("Thanks for your comment!")
            .containsPattern("<strong>Bob</strong>:\\s*<span>" + text + "</span>");
    }

    @Test
    void aWrongPasswordOrUnknownMemberIsRefusedWithAMessage() {
        for (Map<String, String> form : List.of(Map.of("username", "alice", "password", "builder"),
                Map.of("username", "carol", "password", "wonderland"), Map.<String, String>of())) {
            this.visitor.get("/login");
            HttpResponse<String> response = this.visitor.post("/login", form);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.uri().getPath()).isEqualTo("/login");
            assertThat(response.body()).contains("Unknown username or wrong password.").contains("Not logged in");
        }
        assertThat(this.visitor.get("/").body()).contains("Not logged in");
    }

    @Test
    void logInAndOutWithAFlashMessageShownOnce() {
        HttpResponse<String> login = this.visitor.logIn("bob", "builder");
        assertThat(login.uri().getPath()).isEqualTo("/");
        assertThat(login.body()).contains(BOB).contains("Welcome, Bob.");
        assertThat(this.visitor.get("/comments").body()).contains(BOB).doesNotContain("Welcome, Bob.");

        HttpResponse<String> logout = this.visitor.post("/logout", Map.of());
        assertThat(logout.uri().getPath()).isEqualTo("/");
        assertThat(logout.body()).contains("Not logged in").contains("You are logged out.").doesNotContain("Bob");
        assertThat(this.visitor.get("/").body()).doesNotContain("You are logged out.").contains("Not logged in");
    }

    @Test
    void theSessionIdFromBeforeLogInIsNotLoggedInAndTheOneFromBeforeLogOutNoLonger() {
        this.visitor.get("/login");
        String anonymous = this.visitor.sessionCookie().orElseThrow();
        this.visitor.post("/login", Map.of("username", "bob", "password", "builder"));
        String member = this.visitor.sessionCookie().orElseThrow();
        assertThat(member).isNotEqualTo(anonymous);
        assertThat(this.visitor.getPresenting("/", member).body()).contains(BOB);
        assertThat(this.visitor.getPresenting("/", anonymous).body()).contains("Not logged in");

        this.visitor.post("/logout", Map.of());
        assertThat(this.visitor.getPresenting("/", member).body()).contains("Not logged in");
    }

    @Test
    void aMembersPageSendsAVisitorToLogInAndBackAfterwards() {
        HttpResponse<String> asked = this.visitor.get("/account");
        assertThat(asked.uri().getPath()).isEqualTo("/login");
        HttpResponse<String> login = this.visitor.post("/login", Map.of("username", "bob", "password", "builder"));
        assertThat(login.uri().getPath()).isEqualTo("/account");
        assertThat(login.body()).contains(BOB)
            .contains("<dd id=\"username\">bob</dd>")
            .contains("<dd id=\"roles\">ROLE_MEMBER</dd>")
            .contains("Welcome, Bob.");
    }

    @Test
    void aPostWithoutThisSessionsCsrfTokenIsRefused() {
        String forged = "forged " + System.nanoTime();
        this.visitor.get("/comments");
        assertThat(this.visitor.postWithoutToken("/comments", Map.of("text", forged)).statusCode()).isEqualTo(403);
        assertThat(this.visitor.postWithToken("/comments", Map.of("text", forged), "not-the-token").statusCode())
            .isEqualTo(403);
        SiteVisitor other = new SiteVisitor(this.port);
        other.get("/comments");
        assertThat(this.visitor.postWithToken("/comments", Map.of("text", forged), other.token()).statusCode())
            .as("another visitor's token")
            .isEqualTo(403);
        assertThat(this.visitor.get("/comments").body()).doesNotContain(forged);

        Map<String, String> alice = Map.of("username", "alice", "password", "wonderland");
        this.visitor.get("/login");
        HttpResponse<String> forgedLogIn = this.visitor.postWithoutToken("/login", alice);
        assertThat(forgedLogIn.statusCode()).isEqualTo(403);
        assertThat(forgedLogIn.body()).contains("403 Forbidden");
        assertThat(this.visitor.get("/").body()).contains("Not logged in");

        this.visitor.logIn("alice", "wonderland");
        assertThat(this.visitor.postWithoutToken("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(this.visitor.get("/").body()).contains("Logged in as");
    }

    @Test
    void aBrowserThatKeepsNoCookiesIsAskedToEnableThem() throws IOException, InterruptedException {
        HttpClient cookieless = HttpClient.newHttpClient();
        String page = cookieless
            .send(HttpRequest.newBuilder(this.visitor.uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
            .body();
        String token = page.replaceFirst("(?s).*name=\"_csrf\"\\s+value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = cookieless.send(HttpRequest.newBuilder(this.visitor.uri("/login"))
            .header("Accept", "text/html")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("username=bob&password=builder&_csrf=" + token))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.body()).contains("Enable cookies");
    }

}
