package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.sessionmap.autoconfigure.SessionPurger;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.integration.Gates;
import dev.sessionmap.store.cookie.SecureCookieCodec;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.TestSecrets;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic session API over real HTTP on the secure-cookie store: what every store
 * gives, binding to the user agent, and periodic id rotation, which gives the session a
 * new identity inside the seal. The server keeps nothing, so there is no forwarding
 * entry, no admin bean and no purge.
 */
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "app.session.store=secure-cookie", "app.session.rotate-id-every=1h", "app.session.rotate-id-grace-period=30s" })
class SecureCookieClassicSessionHttpTests extends AbstractClassicSessionHttpTests {

    private static final String SECRET = TestSecrets.random();

    @Autowired
    private ObjectProvider<SessionAdmin> admin;

    @Autowired
    private ObjectProvider<SessionPurger> purger;

    @Autowired
    private Gates gates;

    @DynamicPropertySource
    static void secret(DynamicPropertyRegistry registry) {
        registry.add("app.session.secret", () -> SECRET);
    }

    /** The store does no I/O: the session travels in the cookie. */
    @Override
    protected List<String> takeStoreCalls() {
        return List.of();
    }

    @Override
    protected List<String> readThenWrite() {
        return List.of();
    }

    /** What the cookie holds, opened with the application's secret. */
    private static ObjectNode sealed(String cookie) {
        SecureCookieCodec.Opened opened = new SecureCookieCodec(SecureCookieKeys.of(SECRET, List.of()), "sessionid")
            .open(cookie);
        assertThat(opened).isNotNull();
        return SessionCodec.withDefaults().readBytes(opened.plaintext(), ObjectNode.class);
    }

    @Test
    void thereIsNoAdminBeanAndNoPurge() {
        assertThat(this.admin.getIfAvailable()).isNull();
        assertThat(this.purger.getIfAvailable()).isNull();
    }

    @Test
    void anUnchangedCookieIsResentOnlyOnceItsTouchIsDue() {
        this.browser.get("/counter");
        this.clock.advance(Duration.ofSeconds(59));
        assertThat(this.browser.sessionCookie(this.browser.get("/read"))).isEmpty();
        this.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> due = this.browser.get("/read");
        assertThat(this.browser.sessionCookie(due))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=" + Duration.ofDays(14).toSeconds()));
        assertThat(sealed(this.browser.cookie).get("a").asLong()).isEqualTo(this.clock.millis());
        assertThat(this.browser.sessionCookie(this.browser.get("/read"))).as("refreshed, so not due again").isEmpty();
    }

    @Test
    void aRequestInFlightDuringLogOutCannotUndoIt() throws Exception {
        this.browser.get("/counter");
        this.browser.get("/login");
        this.clock.advance(Duration.ofMinutes(2));
        // Another request of the same page (a poll), sent with the logged-in cookie
        // before the log-out.
        Browser poll = new Browser(this.port);
        poll.cookie = this.browser.cookie;
        String gate = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<String>> held = CompletableFuture
            .supplyAsync(() -> poll.get("/held?gate=" + gate));
        this.gates.awaitArrival(gate);

        HttpResponse<String> logout = this.browser.get("/logout");
        assertThat(this.browser.sessionCookie(logout))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));

        this.gates.open(gate);
        HttpResponse<String> late = held.get(30, TimeUnit.SECONDS);
        assertThat(late.body()).isEqualTo("1");
        assertThat(poll.sessionCookie(late)).as("its touch was due: the logged-in session is re-sent").isPresent();
        assertThat(sealed(poll.cookie).get("d").has("member")).isTrue();
        this.browser.cookie = poll.cookie;

        HttpResponse<String> next = this.browser.get("/keys");
        assertThat(next.body()).as("anonymous").isEmpty();
        assertThat(this.browser.sessionCookie(next))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
        assertThat(this.browser.cookie).isNull();
        assertThat(logout.headers().allValues("Set-Cookie")).as("the marker has the session cookie's attributes")
            .anySatisfy((header) -> assertThat(header).startsWith("sessionid_ended=")
                .contains("Path=/", "Max-Age=600", "HttpOnly", "SameSite=Lax"));
    }

    @Test
    void aLogInAfterALogOutIsNotAffectedByItsMarker() {
        this.browser.get("/login");
        this.browser.get("/logout");
        assertThat(this.browser.otherCookies).containsKey("sessionid_ended");
        this.browser.get("/login");
        HttpResponse<String> next = this.browser.get("/keys");
        assertThat(next.body()).isEqualTo("member");
        assertThat(this.browser.sessionCookie(next)).isEmpty();
        assertThat(this.browser.otherCookies).containsKey("sessionid_ended");
    }

    @Test
    void periodicRotationGivesTheSessionANewIdentityInsideTheSealAndKeepsTheData() {
        this.browser.get("/counter");
        String id = sealed(this.browser.cookie).get("i").asString();
        this.clock.advance(Duration.ofMinutes(59));
        assertThat(this.browser.get("/counter").body()).isEqualTo("2");
        String beforeRotation = this.browser.cookie;
        assertThat(sealed(beforeRotation).get("i").asString()).isEqualTo(id);

        this.clock.advance(Duration.ofMinutes(1));
        assertThat(this.browser.get("/counter").body()).isEqualTo("3");
        ObjectNode rotated = sealed(this.browser.cookie);
        assertThat(rotated.get("i").asString()).isNotEqualTo(id);
        assertThat(rotated.get("d").get("_id_at").asLong()).isEqualTo(this.clock.millis());
        assertThat(rotated.get("d").has("_moved")).as("no forwarding entry").isFalse();

        this.clock.advance(Duration.ofMinutes(59));
        assertThat(this.browser.get("/counter").body()).isEqualTo("4");
        assertThat(sealed(this.browser.cookie).get("i").asString()).as("not due again for an hour")
            .isEqualTo(rotated.get("i").asString());

        // A request the page sent with the previous cookie carries its own copy of the
        // session.
        Browser parallel = new Browser(this.port);
        parallel.cookie = beforeRotation;
        assertThat(parallel.get("/read").body()).isEqualTo("2");
    }

    @Nested
    @TestPropertySource(properties = "app.session.bind-to-user-agent=true")
    class BoundToTheUserAgent {

        private Browser browser(String userAgent) {
            Browser browser = new Browser(SecureCookieClassicSessionHttpTests.this.port);
            browser.headers.put("User-Agent", userAgent);
            return browser;
        }

        @Test
        void aCookiePresentedByAnotherUserAgentIsNotServedAndIsCleared() {
            Browser owner = browser("Firefox/140");
            owner.get("/counter");
            assertThat(owner.get("/counter").body()).isEqualTo("2");
            assertThat(sealed(owner.cookie).get("d").has("_ua")).isTrue();

            Browser thief = browser("curl/8");
            thief.cookie = owner.cookie;
            HttpResponse<String> refused = thief.get("/read");
            assertThat(refused.body()).isEqualTo("0");
            assertThat(thief.sessionCookie(refused))
                .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
            thief.cookie = owner.cookie;
            assertThat(thief.get("/counter").body()).isEqualTo("1");
            assertThat(thief.cookie).isNotEqualTo(owner.cookie);

            assertThat(owner.get("/counter").body()).isEqualTo("3");
        }

    }

}
