package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.FlashMapManager;

import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionSnapshot;
import dev.sessionmap.integration.Gates;
import dev.sessionmap.test.MovableClock;
import dev.sessionmap.test.TestSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic session API over real HTTP, as every store must give it, on
 * {@link ClassicTestApplication}: flash messages, the test cookie, Spring MVC flash
 * attributes and explicit saves. Each store's test class extends this with its
 * {@code @SpringBootTest} set-up, says what the store's I/O looks like, and adds its own
 * checks.
 */
abstract class AbstractClassicSessionHttpTests {

    @LocalServerPort
    protected int port;

    @Autowired
    protected MovableClock clock;

    @Autowired
    private FlashMapManager flashMapManager;

    @Autowired
    private Gates gates;

    @Autowired
    private ApplicationContext context;

    protected Browser browser;

    @BeforeEach
    void newBrowser() {
        this.browser = new Browser(this.port);
    }

    /**
     * The store's statements or commands since the last call (SQL verbs, Redis commands),
     * forgetting them; none for a cookie store.
     */
    protected abstract List<String> takeStoreCalls();

    /** What loading a session and writing a change to it costs on this store. */
    protected abstract List<String> readThenWrite();

    @Test
    void ofSeveralSessionCookiesTheFirstValidOneIsServedAndNoneIsCleared() {
        this.browser.get("/counter");
        this.browser.get("/counter");
        Browser tossed = presenting(SessionIds.generate(), this.browser.cookie);
        HttpResponse<String> response = tossed.get("/read");
        assertThat(response.body()).as("a planted cookie sent first does not hide the visitor's").isEqualTo("2");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(tossed.get("/counter").body()).isEqualTo("3");
    }

    @Test
    void ofTwoValidSessionCookiesTheFirstSentWins() {
        // The order is the browser's (longer paths first, then older cookies): only the
        // __Host- prefix keeps
        // another site's valid session out, by keeping its cookie out of the browser.
        Browser other = new Browser(this.port);
        other.get("/counter");
        this.browser.get("/counter");
        this.browser.get("/counter");
        HttpResponse<String> response = presenting(other.cookie, this.browser.cookie).get("/read");
        assertThat(response.body()).isEqualTo("1");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void severalSessionCookiesNoneValidAreNeverCleared() {
        Browser tossed = presenting(SessionIds.generate(), "not-a-session");
        HttpResponse<String> read = tossed.get("/read");
        assertThat(read.body()).isEqualTo("0");
        assertThat(read.headers().allValues("Set-Cookie")).as("an ambiguous request leaves every cookie alone")
            .isEmpty();

        HttpResponse<String> write = tossed.get("/counter");
        assertThat(write.body()).isEqualTo("1");
        assertThat(tossed.sessionCookie(write))
            .hasValueSatisfying((header) -> assertThat(header).doesNotContain("Max-Age=0"));
        assertThat(tossed.cookie).as("a fresh session is set as usual").isNotNull();
    }

    @Test
    void theVisitorsCookiePushedPastTheCandidatesReadIsNotClearedEither() {
        this.browser.get("/counter");
        String[] values = new String[SessionCookies.MAX_CANDIDATES + 1];
        for (int i = 0; i < SessionCookies.MAX_CANDIDATES; i++) {
            values[i] = SessionIds.generate();
        }
        values[SessionCookies.MAX_CANDIDATES] = this.browser.cookie;
        HttpResponse<String> response = presenting(values).get("/read");
        assertThat(response.body()).as("only the first %d are tried", SessionCookies.MAX_CANDIDATES).isEqualTo("0");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
    }

    @Test
    void aSingleInvalidSessionCookieIsStillCleared() {
        Browser stale = presenting(SessionIds.generate());
        HttpResponse<String> response = stale.get("/read");
        assertThat(response.body()).isEqualTo("0");
        assertThat(stale.sessionCookie(response))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
    }

    @Test
    void aTestSeedsASessionThatTheApplicationServesAndReadsWhatItSaved() {
        TestSessions sessions = TestSessions.of(this.context);
        this.browser.cookie = sessions.create(Map.of("count", 41));
        assertThat(this.browser.get("/counter").body()).isEqualTo("42");
        assertThat(sessions.read(this.browser.cookie)).containsEntry("count", 42);
        assertThat(sessions.read("not a session")).isEmpty();
    }

    @Test
    void flashMessagesAreShownOnceOnTheNextRequest() {
        this.browser.get("/flash?message=Saved");
        this.browser.get("/flash?message=Hello");
        assertThat(this.browser.get("/flashes").body()).isEqualTo("Saved,Hello");
        assertThat(this.browser.get("/flashes").body()).isEmpty();
    }

    @Test
    void theTestCookieWorksAcrossTwoRequestsOnlyForABrowserThatKeepsCookies() {
        this.browser.get("/test-cookie/set");
        assertThat(this.browser.get("/test-cookie/check").body()).isEqualTo("cookies work");
        assertThat(keys()).as("deleted after the check").isEmpty();

        new Browser(this.port).get("/test-cookie/set");
        assertThat(new Browser(this.port).get("/test-cookie/check").body()).isEqualTo("cookies are off");
    }

    @Test
    void flashAttributesSurviveARedirectWithoutAnHttpSession() {
        assertThat(this.flashMapManager).isInstanceOf(SessionMapFlashMapManager.class);
        HttpResponse<String> redirect = this.browser.get("/flash-attribute");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location"))
            .hasValueSatisfying((location) -> assertThat(location).endsWith("/show"));
        assertThat(this.browser.otherCookies).containsKey("sessionid_flash");

        takeStoreCalls();
        HttpResponse<String> shown = this.browser.get("/show");
        assertThat(shown.body()).isEqualTo("Profile saved");
        assertThat(takeStoreCalls()).isEqualTo(readThenWrite());
        assertThat(this.browser.otherCookies).as("the marker is cleared once nothing is pending").isEmpty();

        assertThat(this.browser.get("/show").body()).isEqualTo("null");
        assertThat(redirect.headers().allValues("Set-Cookie")).noneMatch((header) -> header.startsWith("JSESSIONID"));
        assertThat(shown.headers().allValues("Set-Cookie")).noneMatch((header) -> header.startsWith("JSESSIONID"));
    }

    @Test
    void aRequestWithASessionButNoPendingFlashTouchesNoStore() {
        this.browser.get("/counter");
        this.browser.get("/flash-attribute");
        this.browser.get("/show");
        takeStoreCalls();
        HttpResponse<String> response = this.browser.get("/noop");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(this.browser.cookie).isNotNull();
        assertThat(takeStoreCalls()).isEmpty();
        assertThat(this.browser.get("/show").body()).isEqualTo("null");
        assertThat(takeStoreCalls()).as("no marker, no flash lookup").isEmpty();
    }

    @Test
    void anExplicitSaveIsKeptEvenWhenTheRequestFailsAfterIt() {
        this.browser.get("/counter");
        assertThat(this.browser.get("/save-then-fail").statusCode()).isEqualTo(500);
        assertThat(keys()).containsExactlyInAnyOrder("count", "saved");
    }

    @Test
    void aNewSessionSavedExplicitlyGetsItsCookieEvenWhenTheHandlerThenThrows() {
        HttpResponse<String> failed = this.browser.get("/save-then-fail");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(this.browser.sessionCookie(failed)).isPresent();
        assertThat(keys()).containsExactly("saved");
    }

    @Test
    void changesAfterAnExplicitSaveAreSavedAtTheEnd() {
        HttpResponse<String> response = this.browser.get("/save-then-change");
        assertThat(this.browser.sessionCookie(response)).isPresent();
        assertThat(keys()).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void rememberMeUncheckedGivesThisSessionABrowserSessionCookieAndCheckedAThirtyDayOne() {
        HttpResponse<String> forget = this.browser.get("/remember?me=false");
        assertThat(this.browser.sessionCookie(forget))
            .hasValueSatisfying((header) -> assertThat(header).doesNotContain("Max-Age", "Expires"));
        assertThat(this.browser.sessionCookie(this.browser.get("/counter"))).as("every later cookie of the session too")
            .hasValueSatisfying((header) -> assertThat(header).doesNotContain("Max-Age"));

        Browser remembered = new Browser(this.port);
        assertThat(remembered.sessionCookie(remembered.get("/remember?me=true")))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=" + Duration.ofDays(30).toSeconds()));
        Browser other = new Browser(this.port);
        assertThat(other.sessionCookie(other.get("/counter")))
            .as("a session that chose nothing follows the configuration")
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=" + Duration.ofDays(14).toSeconds()));
    }

    @Test
    void aHandlerCanTellWhenItsSessionWasCreatedLastUsedAndWillEnd() {
        Instant created = this.clock.instant();
        this.browser.get("/counter");
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.browser.get("/times").body())
            .isEqualTo(created + "," + created + "," + created.plus(Duration.ofDays(14)));
        Instant refreshed = this.clock.instant();
        this.clock.advance(Duration.ofSeconds(10));
        assertThat(this.browser.get("/times").body()).as("the previous request refreshed it")
            .isEqualTo(created + "," + refreshed + "," + refreshed.plus(Duration.ofDays(14)));
        Instant now = this.clock.instant();
        assertThat(new Browser(this.port).get("/times").body()).as("a new session")
            .isEqualTo(now + "," + now + "," + now.plus(Duration.ofDays(14)));
    }

    @Test
    void aShorterOwnTimeoutTakesEffectAtOnce() {
        this.browser.get("/timeout?minutes=" + Duration.ofDays(90).toMinutes());
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.browser.get("/timeout?minutes=15").body()).isEqualTo("2");
        this.clock.advance(Duration.ofMinutes(16));
        assertThat(this.browser.get("/read").body()).as("15 minutes after its last use").isEqualTo("0");
    }

    /**
     * A read still in flight when another request of the visitor logs in or out, which
     * finishes with its last-access refresh due: its response must not hand the browser
     * the id that log-in or log-out ended.
     */
    @Test
    void theServletSessionIsTheVisitorsSessionAndNoResponseSetsAJsessionid() {
        assertThat(this.browser.get("/http/exists").body()).as("no cookie, no session").isEqualTo("false");
        assertThat(this.browser.get("/http/set?name=colour&value=teal").body()).isEqualTo("set");
        assertThat(this.browser.cookie).isNotNull();
        assertThat(this.browser.get("/http/get?name=colour").body()).isEqualTo("String:teal");
        this.browser.get("/counter");
        assertThat(this.browser.get("/http/get?name=count").body()).as("put through the map").isEqualTo("Integer:1");
        assertThat(this.browser.get("/http/names").body().split(",")).containsExactlyInAnyOrder("colour", "count");
        assertThat(this.browser.get("/http/valid").body()).isEqualTo("true");
        assertThat(this.browser.cookiesSet).containsOnly("sessionid");
    }

    @Test
    void aServletSessionCreatedButLeftEmptyCostsNothingAndSetsNoCookie() {
        takeStoreCalls();
        HttpResponse<String> created = this.browser.get("/http/create");
        assertThat(created.body()).isEqualTo("true");
        assertThat(created.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(this.browser.get("/http/exists").body()).isEqualTo("false");
        assertThat(takeStoreCalls()).isEmpty();
    }

    @Test
    void attributesComeBackAsTheClassTheyWereSetAsAndAnUnlistedClassFailsWhenSet() {
        this.browser.get("/http/set-long");
        assertThat(this.browser.get("/http/get?name=big").body()).isEqualTo("Long:5000000000");
        assertThat(this.browser.get("/http/unlisted").body()).contains("'cart'")
            .contains(HttpSessionHandlers.Cart.class.getName())
            .contains("app.session.http-session.allowed-types");
    }

    @Test
    void anInvalidatedServletSessionThrowsAndTheOldCookieIsWorthless() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        assertThat(this.browser.get("/http/invalidate-then-read").body()).isEqualTo("invalidated; new session: true");
        Browser replay = new Browser(this.port);
        replay.cookie = before;
        replay.otherCookies.putAll(this.browser.otherCookies);
        assertThat(replay.get("/read").body()).isEqualTo("0");
    }

    @Test
    void changeSessionIdIsRotateIdAndTheIdIsNeverTheCookie() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        String id = this.browser.get("/http/id").body();
        assertThat(id).isNotEqualTo(before).doesNotContain(before);
        assertThat(this.browser.get("/http/change-id").body()).isEqualTo("true");
        assertThat(this.browser.cookie).isNotEqualTo(before);
        assertThat(this.browser.get("/read").body()).as("the data moved with it").isEqualTo("1");
        assertThat(this.browser.get("/http/id").body()).isNotEqualTo(id);
    }

    @Test
    void maxInactiveIntervalIsTheSessionsOwnTimeout() {
        this.browser.get("/counter");
        assertThat(this.browser.get("/http/max-inactive?seconds=120").body()).isEqualTo("120/120");
    }

    protected void assertALateRefreshLeavesTheNewCookieAlone(String path) throws Exception {
        this.browser.get("/counter");
        this.clock.advance(Duration.ofMinutes(2));
        Browser late = new Browser(this.port);
        late.cookie = this.browser.cookie;
        String gate = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<String>> held = CompletableFuture
            .supplyAsync(() -> late.get("/held?gate=" + gate));
        this.gates.awaitArrival(gate);
        this.browser.get(path);
        String after = this.browser.cookie;
        this.gates.open(gate);
        HttpResponse<String> response = held.get(30, TimeUnit.SECONDS);
        assertThat(response.body()).isEqualTo("1");
        assertThat(late.sessionCookie(response)).as("the late read's response after %s", path).isEmpty();
        assertThat(this.browser.cookie).isEqualTo(after);
    }

    /** The session's keys, in no particular order: the Redis store does not keep it. */
    private List<String> keys() {
        String keys = this.browser.get("/keys").body();
        return keys.isEmpty() ? List.of() : List.of(keys.split(","));
    }

    /**
     * What the {@link SessionAdmin} of a server-side store must do with the sessions a
     * browser made.
     */
    protected void assertAdminFindsCountsAndDeletesSessions(SessionAdmin admin) {
        long before = admin.count();
        this.browser.get("/counter");
        this.browser.get("/flash?message=Hi");
        String id = this.browser.cookie;
        assertThat(admin.count()).isEqualTo(before + 1);

        SessionSnapshot snapshot = admin.find(id).orElseThrow();
        assertThat(snapshot.data()).as("the application's values, not the flash record")
            .containsOnlyKeys("count")
            .containsEntry("count", 1);
        assertThat(snapshot.get("count", Long.class)).isEqualTo(1L);
        assertThat(snapshot.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofDays(14)));
        assertThat(admin.find(SessionIds.generate())).isEmpty();
        assertThat(admin.find("not an id")).isEmpty();

        assertThat(admin.delete(id)).isTrue();
        assertThat(admin.delete(id)).isFalse();
        assertThat(admin.count()).isEqualTo(before);
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

    /**
     * A browser whose one {@code Cookie} header carries these values of the session
     * cookie, in this order.
     */
    private Browser presenting(String... values) {
        Browser browser = new Browser(this.port);
        browser.headers.put("Cookie",
                String.join("; ", List.of(values).stream().map((value) -> "sessionid=" + value).toList()));
        return browser;
    }

}
