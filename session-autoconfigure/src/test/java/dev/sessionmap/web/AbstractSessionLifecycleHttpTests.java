package dev.sessionmap.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's life over real HTTP that every store must give, for every kind of
 * response. Each store's test class extends this with its {@code @SpringBootTest} set-up
 * and its own checks.
 */
abstract class AbstractSessionLifecycleHttpTests {

    @LocalServerPort
    protected int port;

    protected Browser browser;

    @BeforeEach
    void newBrowser() {
        this.browser = new Browser(this.port);
    }

    @Test
    void aRequestThatNeverTouchesTheSessionSendsNoCookie() {
        this.browser.get("/counter");
        HttpResponse<String> response = this.browser.get("/noop");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(this.browser.sessionCookie(response)).isEmpty();
        assertThat(new Browser(this.port).get("/noop").headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aChangeMadeAfterTheBodyBeganIsSavedWhileTheContainerStillHoldsTheBody() {
        assertThat(this.browser.get("/write-then-change").body()).isEqualTo("count: 1");
        assertThat(this.browser.cookie).as("the cookie was still set").isNotNull();
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aChangeMadeAfterTheResponseCommittedIsNotSavedAndIsLogged(CapturedOutput output) {
        this.browser.get("/counter");
        assertThat(this.browser.get("/commit-then-change").body()).hasSize(9000);
        assertThat(this.browser.get("/late").body()).isEqualTo("null");
        assertThat(output).contains("Session key 'late' changed after the response was committed");
    }

    @Test
    void aReadSendsNoCookie() {
        this.browser.get("/counter");
        HttpResponse<String> read = this.browser.get("/read");
        assertThat(read.body()).isEqualTo("1");
        assertThat(this.browser.sessionCookie(read)).isEmpty();
    }

    @Test
    void theCounterIncrementsAcrossRequestsAndANewClientStartsFresh() {
        assertThat(this.browser.get("/counter").body()).isEqualTo("1");
        assertThat(this.browser.get("/counter").body()).isEqualTo("2");
        assertThat(this.browser.get("/counter").body()).isEqualTo("3");
        assertThat(new Browser(this.port).get("/counter").body()).isEqualTo("1");
        assertThat(this.browser.get("/counter").body()).isEqualTo("4");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/counter", "/read", "/view", "/direct" })
    void aResponseBuiltFromTheSessionVariesOnTheCookieAndIsPrivate(String path) {
        this.browser.get("/counter");
        HttpResponse<String> response = this.browser.get(path);
        assertThat(response.headers().allValues("Vary")).as(path)
            .anySatisfy((vary) -> assertThat(vary).containsIgnoringCase("Cookie"));
        assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("private");
    }

    @Test
    void aResponseThatDidNotUseTheSessionIsLeftAsItWas() {
        this.browser.get("/counter");
        HttpResponse<String> response = this.browser.get("/noop");
        assertThat(response.headers().allValues("Vary"))
            .noneSatisfy((vary) -> assertThat(vary).containsIgnoringCase("Cookie"));
        assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void theApplicationsOwnCachingIsKeptAndCookieJoinsItsVary() {
        this.browser.get("/counter");
        HttpResponse<String> response = this.browser.get("/cached");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(String.join(",", response.headers().allValues("Vary"))).contains("Accept-Language")
            .containsIgnoringCase("Cookie");
    }

    @Test
    void theCookieHasTheSafeDefaults() {
        String header = this.browser.sessionCookie(this.browser.get("/counter")).orElseThrow();
        assertThat(header).contains("Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=1209600").doesNotContain("Secure");
    }

    @ParameterizedTest
    @ValueSource(
            strings = { "/counter", "/entity", "/entity-empty", "/view", "/redirect", "/large", "/direct", "/println" })
    void everyKindOfResponseCarriesTheCookieAndKeepsTheChange(String path) {
        HttpResponse<String> first = this.browser.get(path);
        assertThat(first.statusCode()).isLessThan(400);
        assertThat(this.browser.sessionCookie(first)).as("Set-Cookie on %s", path).isPresent();
        this.browser.get(path);
        assertThat(this.browser.get("/read").body()).isEqualTo("2");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/fail", "/fail-entity" })
    void aServerErrorKeepsNoChanges(String path) {
        this.browser.get("/counter");
        String cookie = this.browser.cookie;
        HttpResponse<String> failed = this.browser.get(path);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(this.browser.sessionCookie(failed)).isEmpty();
        assertThat(this.browser.cookie).isEqualTo(cookie);
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
    }

    @Test
    void aFailureOnANewSessionCreatesNothing() {
        HttpResponse<String> failed = this.browser.get("/fail");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void loginRotatesTheIdAndKeepsTheData() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        this.browser.get("/login");
        assertThat(this.browser.cookie).isNotNull().isNotEqualTo(before);
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
    }

    @Test
    void logoutClearsTheCookieAndTheNextRequestStartsFresh() {
        this.browser.get("/counter");
        HttpResponse<String> response = this.browser.get("/logout");
        assertThat(this.browser.sessionCookie(response))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
        assertThat(this.browser.cookie).isNull();
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

}
