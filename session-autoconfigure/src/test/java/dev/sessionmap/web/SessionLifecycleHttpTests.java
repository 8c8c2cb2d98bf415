package dev.sessionmap.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The session's life over real HTTP on the datastore store (H2), for every kind of response. */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.jpa.hibernate.ddl-auto=validate",
                "spring.jpa.properties.hibernate.session_factory.statement_inspector=dev.sessionmap.web.SqlStatements" })
class SessionLifecycleHttpTests {

    @LocalServerPort
    private int port;

    @Autowired
    private SessionStore store;

    private Browser browser;

    @BeforeEach
    void newBrowser() {
        this.browser = new Browser(this.port);
    }

    @Test
    void aRequestThatNeverTouchesTheSessionSendsNoCookieAndRunsNoSql() {
        this.browser.get("/counter");
        SqlStatements.reset();
        HttpResponse<String> response = this.browser.get("/noop");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(this.browser.sessionCookie(response)).isEmpty();
        assertThat(SqlStatements.statements).isEmpty();
        assertThat(new Browser(this.port).get("/noop").headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void theCounterIncrementsAcrossRequestsAndANewClientStartsFresh() {
        assertThat(this.browser.get("/counter").body()).isEqualTo("1");
        assertThat(this.browser.get("/counter").body()).isEqualTo("2");
        assertThat(this.browser.get("/counter").body()).isEqualTo("3");
        assertThat(new Browser(this.port).get("/counter").body()).isEqualTo("1");
        assertThat(this.browser.get("/counter").body()).isEqualTo("4");
    }

    @Test
    void theCookieHasTheSafeDefaults() {
        String header = this.browser.sessionCookie(this.browser.get("/counter")).orElseThrow();
        assertThat(header).contains("Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=1209600").doesNotContain("Secure");
        assertThat(this.browser.cookie).hasSize(43);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/counter", "/entity", "/entity-empty", "/view", "/redirect", "/large", "/direct" })
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

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "%00%01", "AAAA", "unknown-but-well-formed", "long" })
    void anUnknownOrMalformedCookieGivesAFreshSession(String kind) {
        String value = switch (kind) {
            case "unknown-but-well-formed" -> SessionIds.generate();
            case "long" -> "A".repeat(5000);
            default -> kind;
        };
        this.browser.cookie = value;
        HttpResponse<String> response = this.browser.get("/counter");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1");
        assertThat(this.browser.cookie).isNotEqualTo(value).hasSize(43);
        assertThat(this.store.load(value)).isNull();
    }

    @Test
    void aReadOfAnUnknownIdClearsTheCookie() {
        this.browser.cookie = SessionIds.generate();
        HttpResponse<String> response = this.browser.get("/read");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(this.browser.sessionCookie(response)).hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
    }

    @Test
    void loginRotatesTheIdAndKeepsTheData() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        this.browser.get("/login");
        assertThat(this.browser.cookie).isNotEqualTo(before);
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
        assertThat(this.store.load(before)).isNull();
    }

    @Test
    void logoutDeletesTheSessionAndClearsTheCookie() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        HttpResponse<String> response = this.browser.get("/logout");
        assertThat(this.browser.sessionCookie(response)).hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
        assertThat(this.browser.cookie).isNull();
        assertThat(this.store.load(before)).isNull();
        this.browser.cookie = before;
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

    @Test
    void statementsPerRequest() {
        SqlStatements.reset();
        this.browser.get("/counter");
        assertThat(SqlStatements.verbs()).as("new session").containsExactly("INSERT");

        SqlStatements.reset();
        this.browser.get("/read");
        assertThat(SqlStatements.verbs()).as("read").containsExactly("SELECT");

        SqlStatements.reset();
        this.browser.get("/counter");
        assertThat(SqlStatements.verbs()).as("write").containsExactly("SELECT", "UPDATE");

        SqlStatements.reset();
        this.browser.get("/noop");
        assertThat(SqlStatements.verbs()).as("untouched").isEmpty();
    }
}
