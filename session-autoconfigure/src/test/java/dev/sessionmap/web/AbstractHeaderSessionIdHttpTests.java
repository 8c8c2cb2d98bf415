package dev.sessionmap.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sessionmap.core.CookieUpdate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session tokens in a header for API clients
 * ({@code app.session.header-name=X-Session-Token}) over real HTTP, on
 * {@link ClassicTestApplication}: a request that sends the header uses it and never gets
 * a cookie; one that does not keeps using cookies. Each store's test class extends this
 * with its {@code @SpringBootTest} set-up, setting the property.
 */
abstract class AbstractHeaderSessionIdHttpTests {

    protected static final String HEADER = ApiClient.HEADER;

    @LocalServerPort
    protected int port;

    protected ApiClient client;

    @BeforeEach
    void newClient() {
        this.client = new ApiClient(this.port);
    }

    /**
     * Whether the server keeps the sessions, so a token it replaced or ended no longer
     * loads.
     */
    protected abstract boolean revokesOldTokens();

    @Test
    void anEmptyHeaderAsksForASessionWhoseTokenComesBackInTheHeaderAndNeverInACookie() {
        HttpResponse<String> first = this.client.get("/counter");
        assertThat(first.body()).isEqualTo("1");
        assertThat(first.headers().firstValue(HEADER)).hasValueSatisfying((token) -> assertThat(token).isNotEmpty());
        assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(first.headers().allValues("Vary")).as("the response depends on the header, not the cookie")
            .containsExactly(HEADER);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("private");

        assertThat(this.client.get("/counter").body()).isEqualTo("2");
        HttpResponse<String> read = this.client.get("/read");
        assertThat(read.body()).isEqualTo("2");
        assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
        if (revokesOldTokens()) {
            assertThat(read.headers().firstValue(HEADER)).as("an unchanged id is not sent again").isEmpty();
        }
    }

    @Test
    void aRequestThatDoesNotUseTheSessionGetsNeitherHeaderNorCookie() {
        this.client.get("/counter");
        HttpResponse<String> response = this.client.get("/noop");
        assertThat(response.headers().firstValue(HEADER)).isEmpty();
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(response.headers().allValues("Vary")).isEmpty();
    }

    @Test
    void logInReturnsANewTokenAndTheOldOneNoLongerLoadsOnServerStores() {
        this.client.get("/counter");
        String before = this.client.token;
        HttpResponse<String> login = this.client.get("/login");
        assertThat(login.headers().firstValue(HEADER))
            .hasValueSatisfying((token) -> assertThat(token).isNotEmpty().isNotEqualTo(before));
        assertThat(login.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(this.client.get("/keys").body()).contains("member");
        assertThat(this.client.get("/read").body()).isEqualTo("1");

        ApiClient old = new ApiClient(this.port);
        old.token = before;
        HttpResponse<String> replaced = old.get("/read");
        if (revokesOldTokens()) {
            assertThat(replaced.body()).isEqualTo("0");
            assertThat(replaced.headers().firstValue(HEADER)).as("the client is told to drop it").hasValue("");
        }
        else {
            // As with cookies: nothing on the server remembers that the sealed session
            // was replaced.
            assertThat(replaced.body()).isEqualTo("1");
        }
        assertThat(replaced.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void logOutReturnsAnEmptyHeaderAndTheOldTokenNoLongerLoadsOnServerStores() {
        this.client.get("/counter");
        this.client.get("/login");
        String loggedIn = this.client.token;
        HttpResponse<String> logout = this.client.get("/logout");
        assertThat(logout.headers().firstValue(HEADER)).hasValue("");
        assertThat(logout.headers().allValues("Set-Cookie")).as("not even the secure-cookie store's end marker")
            .isEmpty();
        assertThat(this.client.token).isEmpty();
        assertThat(this.client.get("/read").body()).isEqualTo("0");

        ApiClient old = new ApiClient(this.port);
        old.token = loggedIn;
        HttpResponse<String> ended = old.get("/keys");
        if (revokesOldTokens()) {
            assertThat(ended.body()).isEmpty();
            assertThat(ended.headers().firstValue(HEADER)).hasValue("");
        }
        else {
            // Documented for the cookie: invalidate() only makes the client drop its
            // copy.
            assertThat(ended.body()).contains("member");
        }
    }

    @Test
    void anUnknownOrOversizedTokenIsNoSessionAndAnUnknownOneIsDropped() {
        this.client.token = "not-a-session";
        HttpResponse<String> unknown = this.client.get("/read");
        assertThat(unknown.body()).isEqualTo("0");
        assertThat(unknown.headers().firstValue(HEADER)).hasValue("");

        this.client.token = "a".repeat(CookieUpdate.MAX_COOKIE_BYTES + 1);
        HttpResponse<String> oversized = this.client.get("/read");
        assertThat(oversized.statusCode()).isEqualTo(200);
        assertThat(oversized.body()).isEqualTo("0");
        assertThat(oversized.headers().firstValue(HEADER)).as("ignored without being looked up, like a cookie")
            .isEmpty();
    }

    @Test
    void aNewSessionSavedExplicitlyGetsItsHeaderEvenWhenTheHandlerThenThrows() {
        HttpResponse<String> failed = this.client.get("/save-then-fail");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue(HEADER)).hasValueSatisfying((token) -> assertThat(token).isNotEmpty());
        assertThat(failed.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(this.client.get("/keys").body()).isEqualTo("saved");
    }

    @Test
    void aRequestWithoutTheHeaderStillUsesTheCookie() {
        Browser browser = new Browser(this.port);
        HttpResponse<String> response = browser.get("/counter");
        assertThat(browser.cookie).isNotNull();
        assertThat(response.headers().firstValue(HEADER)).isEmpty();
        assertThat(response.headers().allValues("Vary")).as("the response also depends on the header's absence")
            .containsExactly("Cookie", HEADER);
        assertThat(browser.get("/counter").body()).isEqualTo("2");

        this.client.get("/counter");
        assertThat(browser.get("/read").body()).as("header and cookie clients side by side").isEqualTo("2");
        assertThat(this.client.get("/read").body()).isEqualTo("1");
    }

    @Test
    void aRequestWithTheHeaderAndACookieUsesTheHeaderOnly() {
        Browser browser = new Browser(this.port);
        browser.get("/counter");
        browser.get("/counter");
        this.client.cookie = "sessionid=" + browser.cookie;

        HttpResponse<String> fresh = this.client.get("/counter");
        assertThat(fresh.body()).as("an empty header asks for a session of its own").isEqualTo("1");
        assertThat(fresh.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(this.client.get("/counter").body()).isEqualTo("2");

        this.client.get("/logout");
        assertThat(browser.get("/read").body()).as("the cookie's session is untouched").isEqualTo("2");
    }

    @Test
    void sessionFlashMessagesWorkButMvcFlashAttributesSetNoMarkerCookie() {
        this.client.get("/flash?message=Saved");
        assertThat(this.client.get("/flashes").body()).isEqualTo("Saved");

        HttpResponse<String> redirect = this.client.get("/flash-attribute");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(this.client.get("/keys").body()).as("flash attributes are not kept in header mode")
            .doesNotContain(SessionMapFlashMapManager.KEY);
    }

}
