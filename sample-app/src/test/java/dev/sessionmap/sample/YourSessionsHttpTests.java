package dev.sessionmap.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.UserSessions;
import dev.sessionmap.store.jdbc.JdbcSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Your sessions" over real HTTP: what the page shows of a member's sessions, and that a
 * session id posted by anyone but its owner ends nothing. On the sample's default store,
 * H2 through the datastore.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class YourSessionsHttpTests {

    static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

    /** What anyone can put in their own {@code User-Agent} header. */
    static final String HOSTILE = "Mozilla/5.0 (X11; Linux x86_64) <script>alert('ua')</script> Chrome/131.0.0.0";

    private static final Pattern REVOKE_ID = Pattern.compile("name=\"id\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    UserSessions userSessions;

    @Autowired
    SessionStore store;

    @BeforeEach
    void noSessionsLeftByOtherTests() {
        this.userSessions.revokeAll("alice");
        this.userSessions.revokeAll("bob");
    }

    @Test
    void theListShowsEachDeviceOnceWithThisOneMarkedAndTheUserAgentEscaped() {
        assertThat(this.store).as("the sample's default store").isInstanceOf(JdbcSessionStore.class);
        SiteVisitor laptop = loggedIn("alice", "wonderland", FIREFOX);
        SiteVisitor other = loggedIn("alice", "wonderland", HOSTILE);

        String page = laptop.get("/sessions").body();
        assertThat(page).contains("<h1>Your sessions</h1>")
            .contains("Firefox 128 on Windows")
            .contains("Chrome 131 on Linux")
            .contains("title=\"Mozilla/5.0 (X11; Linux x86_64) &lt;script&gt;alert(&#39;ua&#39;)&lt;/script&gt;")
            .doesNotContain("<script>");
        assertThat(page.split("class=\"this-device\"", -1)).as("one session marked as this device").hasSize(2);
        assertThat(page).containsPattern("Firefox 128 on Windows</strong>\\s*<span class=\"this-device\">");
        // One Revoke button, for the other device; and no cookie value in the page.
        assertThat(ids(page)).hasSize(1);
        assertThat(page).doesNotContain(laptop.sessionCookie().orElseThrow())
            .doesNotContain(other.sessionCookie().orElseThrow());
        assertThat(other.get("/sessions").body())
            .containsPattern("Chrome 131 on Linux</strong>\\s*<span class=\"this-device\">");
    }

    @Test
    void revokingAnotherDeviceLogsItOutAndKeepsThisOne() {
        SiteVisitor laptop = loggedIn("alice", "wonderland", FIREFOX);
        SiteVisitor phone = loggedIn("alice", "wonderland", HOSTILE);
        List<String> ids = ids(laptop.get("/sessions").body());

        HttpResponse<String> revoked = laptop.post("/sessions/revoke", Map.of("id", ids.get(0)));
        assertThat(revoked.uri().getPath()).isEqualTo("/sessions");
        assertThat(revoked.body()).contains("That device is logged out.");
        assertThat(ids(revoked.body())).isEmpty();
        assertThat(phone.get("/account").uri().getPath()).isEqualTo("/login");
        assertThat(laptop.get("/account").body()).contains("<dd id=\"username\">alice</dd>");
    }

    @Test
    void revokingItsOwnSessionByPostingItsIdLogsThisDeviceOut() {
        SiteVisitor laptop = loggedIn("alice", "wonderland", FIREFOX);
        SiteVisitor phone = loggedIn("alice", "wonderland", HOSTILE);
        String laptopsId = ids(phone.get("/sessions").body()).get(0);

        laptop.get("/sessions");
        HttpResponse<String> revoked = laptop.post("/sessions/revoke", Map.of("id", laptopsId));
        assertThat(revoked.uri().getPath()).isEqualTo("/login");
        assertThat(revoked.body()).contains("Not logged in");
        assertThat(phone.get("/sessions").body()).contains("Chrome 131 on Linux").doesNotContain("Firefox 128");
    }

    @Test
    void aMemberCannotRevokeAnotherMembersSessionByPostingItsId() {
        SiteVisitor alice = loggedIn("alice", "wonderland", FIREFOX);
        SiteVisitor alicesPhone = loggedIn("alice", "wonderland", HOSTILE);
        List<String> alicesIds = List.of(ids(alice.get("/sessions").body()).get(0),
                ids(alicesPhone.get("/sessions").body()).get(0));

        SiteVisitor bob = loggedIn("bob", "builder", FIREFOX);
        for (String id : alicesIds) {
            bob.get("/sessions");
            HttpResponse<String> refused = bob.post("/sessions/revoke", Map.of("id", id));
            assertThat(refused.uri().getPath()).isEqualTo("/sessions");
            assertThat(refused.body()).contains("That session had already ended.");
        }
        bob.get("/sessions");
        assertThat(bob.post("/sessions/revoke", Map.of()).body()).contains("That session had already ended.");

        assertThat(alice.get("/account").body()).contains("<dd id=\"username\">alice</dd>");
        assertThat(alicesPhone.get("/account").body()).contains("<dd id=\"username\">alice</dd>");
        assertThat(this.userSessions.list("alice")).hasSize(2);
        assertThat(bob.get("/account").body()).contains("<dd id=\"username\">bob</dd>");
    }

    @Test
    void aVisitorWhoIsNotLoggedInIsSentToLogInAndRevokesNothing() {
        SiteVisitor alice = loggedIn("alice", "wonderland", FIREFOX);
        String id = ids(loggedIn("alice", "wonderland", HOSTILE).get("/sessions").body()).get(0);

        SiteVisitor visitor = new SiteVisitor(this.port);
        assertThat(visitor.get("/sessions").uri().getPath()).isEqualTo("/login");
        assertThat(visitor.post("/sessions/revoke", Map.of("id", id)).uri().getPath()).isEqualTo("/login");
        assertThat(visitor.post("/sessions/revoke-others", Map.of()).uri().getPath()).isEqualTo("/login");
        assertThat(alice.postWithoutToken("/sessions/revoke", Map.of("id", id)).statusCode()).isEqualTo(403);
        assertThat(this.userSessions.list("alice")).hasSize(2);
    }

    @Test
    void loggingOutEverywhereElseKeepsOnlyThisDevice() {
        SiteVisitor laptop = loggedIn("alice", "wonderland", FIREFOX);
        SiteVisitor phone = loggedIn("alice", "wonderland", HOSTILE);
        SiteVisitor tablet = loggedIn("alice", "wonderland", null);
        SiteVisitor bob = loggedIn("bob", "builder", null);

        laptop.get("/sessions");
        HttpResponse<String> done = laptop.post("/sessions/revoke-others", Map.of());
        assertThat(done.body()).contains("2 other devices are logged out.");
        assertThat(ids(done.body())).isEmpty();
        assertThat(phone.get("/account").uri().getPath()).isEqualTo("/login");
        assertThat(tablet.get("/account").uri().getPath()).isEqualTo("/login");
        assertThat(laptop.get("/account").uri().getPath()).isEqualTo("/account");
        assertThat(bob.get("/account").body()).contains("<dd id=\"username\">bob</dd>");

        laptop.get("/sessions");
        assertThat(laptop.post("/sessions/revoke-others", Map.of()).body())
            .contains("You were not logged in anywhere else.");
    }

    private SiteVisitor loggedIn(String username, String password, @Nullable String userAgent) {
        SiteVisitor visitor = new SiteVisitor(this.port, userAgent);
        assertThat(visitor.logIn(username, password).body()).contains("Welcome");
        return visitor;
    }

    /** The session ids of the page's Revoke buttons. */
    private static List<String> ids(String page) {
        Matcher ids = REVOKE_ID.matcher(page);
        return ids.results().map((id) -> id.group(1)).toList();
    }

}
