package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.test.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@code app.session.*} option that changes a request's behaviour, over real HTTP,
 * one application per option set.
 */
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SessionOptionsHttpTests {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Nested
    @TestPropertySource(properties = { "app.session.cookie.name=sid", "app.session.cookie.domain=example.com",
            "app.session.cookie.path=/shop", "app.session.cookie.http-only=false", "app.session.cookie.same-site=None",
            "app.session.cookie.max-age=1h" })
    class CookieAttributes {

        @Test
        void everyCookiePropertyShowsInTheHeaderAndSameSiteNoneForcesSecure() {
            Browser browser = new Browser(SessionOptionsHttpTests.this.port, "sid");
            String header = browser.sessionCookie(browser.get("/counter")).orElseThrow();
            assertThat(header).startsWith("sid=")
                .contains("Domain=example.com", "Path=/shop", "Max-Age=3600", "SameSite=None", "Secure")
                .doesNotContain("HttpOnly");
            assertThat(browser.get("/counter").body()).isEqualTo("2");
        }

    }

    @Nested
    @TestPropertySource(properties = { "app.session.cookie.name=__Host-sessionid", "app.session.cookie.secure=true" })
    class HostPrefixedCookie {

        @Test
        void theSessionCookieAndItsCompanionsKeepThePrefixAndItsRules() {
            Browser browser = new Browser(SessionOptionsHttpTests.this.port, "__Host-sessionid");
            String header = browser.sessionCookie(browser.get("/counter")).orElseThrow();
            assertThat(header).startsWith("__Host-sessionid=").contains("Path=/;", "Secure").doesNotContain("Domain");
            HttpResponse<String> redirect = browser.get("/flash-attribute");
            assertThat(redirect.headers().allValues("Set-Cookie")).anySatisfy(
                    (flash) -> assertThat(flash).startsWith("__Host-sessionid_flash=").contains("Path=/;", "Secure"));
            assertThat(browser.get("/show").body()).isEqualTo("Profile saved");
            assertThat(browser.get("/counter").body()).isEqualTo("2");
        }

    }

    @Nested
    @TestPropertySource(properties = { "app.session.cookie.secure=true", "app.session.cookie.same-site=Strict",
            "app.session.cookie.expire-at-browser-close=true" })
    class BrowserSessionCookie {

        @Test
        void aCookieThatExpiresAtBrowserCloseHasNoMaxAgeButTheServerSideTimeoutStillApplies() {
            Browser browser = new Browser(SessionOptionsHttpTests.this.port);
            String header = browser.sessionCookie(browser.get("/counter")).orElseThrow();
            assertThat(header).contains("Secure", "SameSite=Strict", "HttpOnly").doesNotContain("Max-Age", "Expires");
            SessionOptionsHttpTests.this.clock.advance(Duration.ofDays(14));
            assertThat(browser.get("/read").body()).isEqualTo("0");
        }

    }

    @Nested
    @TestPropertySource(properties = { "app.session.save-every-request=true", "app.session.cookie.secure=false",
            "server.forward-headers-strategy=native" })
    class SaveEveryRequest {

        @Autowired
        SessionAdmin admin;

        @Test
        void everyRequestThatUsesTheSessionSavesItAndResendsTheCookie() {
            Browser browser = new Browser(SessionOptionsHttpTests.this.port);
            browser.headers.put("X-Forwarded-Proto", "https");
            browser.get("/counter");
            SessionOptionsHttpTests.this.clock.advance(Duration.ofSeconds(5));
            HttpResponse<String> read = browser.get("/read");
            assertThat(browser.sessionCookie(read)).hasValueSatisfying(
                    (header) -> assertThat(header).contains("Max-Age=" + Duration.ofDays(14).toSeconds())
                        .as("secure=false even on HTTPS")
                        .doesNotContain("Secure"));
            assertThat(this.admin.find(browser.cookie).orElseThrow().lastAccessedAt())
                .isEqualTo(SessionOptionsHttpTests.this.clock.instant());
            assertThat(browser.sessionCookie(browser.get("/noop"))).as("a request that does not use it").isEmpty();
        }

    }

    @Nested
    @TestPropertySource(properties = { "app.session.bind-to-user-agent=true", "app.session.bind-to-ip=true",
            "server.forward-headers-strategy=native" })
    class Binding {

        @Autowired
        SessionAdmin admin;

        @Autowired
        SessionStore store;

        private Browser browser(String userAgent, String address) {
            Browser browser = new Browser(SessionOptionsHttpTests.this.port);
            browser.headers.put("User-Agent", userAgent);
            browser.headers.put("X-Forwarded-For", address);
            return browser;
        }

        @Test
        void aSessionPresentedByAnotherUserAgentOrAddressIsNotServed() {
            Browser owner = browser("Firefox/140", "203.0.113.7");
            owner.get("/counter");
            assertThat(owner.get("/counter").body()).isEqualTo("2");

            Browser otherAgent = browser("curl/8", "203.0.113.7");
            otherAgent.cookie = owner.cookie;
            HttpResponse<String> refused = otherAgent.get("/read");
            assertThat(refused.body()).isEqualTo("0");
            assertThat(otherAgent.sessionCookie(refused))
                .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));

            Browser otherAddress = browser("Firefox/140", "198.51.100.1");
            otherAddress.cookie = owner.cookie;
            assertThat(otherAddress.get("/counter").body()).isEqualTo("1");
            assertThat(otherAddress.cookie).isNotEqualTo(owner.cookie);

            assertThat(owner.get("/read").body()).isEqualTo("2");
        }

        @Test
        void behindAProxyThatAppendsTheClientAddressASpoofedForwardedForEntryDoesNotPassTheBinding() {
            Browser owner = browser("Firefox/140", "203.0.113.7");
            owner.get("/counter");

            // The thief puts the owner's address first; the proxy appends the address it
            // saw. With the native
            // strategy and the proxy trusted as internal, the right-most address not of a
            // trusted proxy counts.
            Browser thief = browser("Firefox/140", "203.0.113.7, 198.51.100.1");
            thief.cookie = owner.cookie;
            assertThat(thief.get("/read").body()).isEqualTo("0");
            assertThat(owner.get("/read").body()).isEqualTo("1");
        }

        @Test
        void theStoredBindingIsKeyedBySessionNotAPlainHashOfTheAddress() {
            Browser one = browser("Firefox/140", "203.0.113.7");
            one.get("/counter");
            Browser two = browser("Firefox/140", "203.0.113.7");
            two.get("/counter");
            String address = this.store.load(one.cookie).data().get("_ip").asString();
            assertThat(address).isNotEqualTo(SessionIds.hash("203.0.113.7").substring(0, 32))
                .isNotEqualTo(this.store.load(two.cookie).data().get("_ip").asString());
            assertThat(this.admin.find(one.cookie).orElseThrow().data()).as("a record, not the application's")
                .containsOnlyKeys("count");
        }

        @Test
        void theSecureFlagFollowsTheSchemeTheProxyReports() {
            Browser https = browser("Firefox/140", "203.0.113.7");
            https.headers.put("X-Forwarded-Proto", "https");
            assertThat(https.sessionCookie(https.get("/counter")))
                .hasValueSatisfying((header) -> assertThat(header).contains("Secure"));
            Browser http = browser("Firefox/140", "203.0.113.7");
            assertThat(http.sessionCookie(http.get("/counter")))
                .hasValueSatisfying((header) -> assertThat(header).doesNotContain("Secure"));
        }

    }

    @Nested
    @TestPropertySource(properties = { "app.session.rotate-id-every=1h", "app.session.rotate-id-grace-period=30s" })
    class IdRotation {

        @Autowired
        SessionAdmin admin;

        @Test
        void deletingTheSessionByTheIdItReplacedDuringTheGracePeriodDeletesTheSession() {
            Browser browser = new Browser(SessionOptionsHttpTests.this.port);
            browser.get("/counter");
            String first = browser.cookie;
            SessionOptionsHttpTests.this.clock.advance(Duration.ofHours(1));
            browser.get("/counter");
            String second = browser.cookie;
            assertThat(second).isNotEqualTo(first);

            assertThat(this.admin.delete(first)).isTrue();
            assertThat(this.admin.find(second)).isEmpty();
            assertThat(browser.get("/read").body()).isEqualTo("0");
            Browser late = new Browser(SessionOptionsHttpTests.this.port);
            late.cookie = first;
            assertThat(late.get("/read").body()).isEqualTo("0");
        }

        @Test
        void theIdChangesPeriodicallyAndTheOldOneServesLateRequestsForTheGracePeriod() {
            Browser browser = new Browser(SessionOptionsHttpTests.this.port);
            browser.get("/counter");
            String first = browser.cookie;
            SessionOptionsHttpTests.this.clock.advance(Duration.ofMinutes(59));
            browser.get("/counter");
            assertThat(browser.cookie).isEqualTo(first);

            SessionOptionsHttpTests.this.clock.advance(Duration.ofMinutes(1));
            assertThat(browser.get("/counter").body()).isEqualTo("3");
            String second = browser.cookie;
            assertThat(second).isNotEqualTo(first);

            SessionOptionsHttpTests.this.clock.advance(Duration.ofSeconds(29));
            Browser late = new Browser(SessionOptionsHttpTests.this.port);
            late.cookie = first;
            assertThat(late.get("/counter").body()).isEqualTo("4");
            assertThat(late.cookie).as("the late request is handed the new id").isEqualTo(second);
            assertThat(browser.get("/read").body()).isEqualTo("4");

            SessionOptionsHttpTests.this.clock.advance(Duration.ofSeconds(1));
            Browser tooLate = new Browser(SessionOptionsHttpTests.this.port);
            tooLate.cookie = first;
            assertThat(tooLate.get("/read").body()).isEqualTo("0");
            assertThat(browser.get("/read").body()).isEqualTo("4");
        }

    }

}
