package dev.sessionmap.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's life over real HTTP on the datastore store (H2): the shared behaviour,
 * plus ids and SQL.
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.jpa.hibernate.ddl-auto=validate" })
@Import(SqlStatements.Registration.class)
class SessionLifecycleHttpTests extends AbstractSessionLifecycleHttpTests {

    @Autowired
    private SessionStore store;

    @Test
    void aRequestThatNeverTouchesTheSessionRunsNoSql() {
        this.browser.get("/counter");
        SqlStatements.reset();
        this.browser.get("/noop");
        assertThat(SqlStatements.all()).isEmpty();
    }

    @Test
    void theCookieCarriesOnlyTheId() {
        this.browser.get("/counter");
        assertThat(SessionIds.isWellFormed(this.browser.cookie)).isTrue();
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
        assertThat(this.browser.sessionCookie(response))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
    }

    @Test
    void loginDeletesTheOldId() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        this.browser.get("/login");
        assertThat(this.store.load(before)).isNull();
        assertThat(this.store.load(this.browser.cookie)).isNotNull();
    }

    @Test
    void logoutDeletesTheSessionSoACopyOfTheOldCookieIsWorthless() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        HttpResponse<String> logout = this.browser.get("/logout");
        assertThat(this.store.load(before)).isNull();
        assertThat(logout.headers().allValues("Set-Cookie")).as("no end marker: the server forgot the session")
            .noneMatch((header) -> header.startsWith("sessionid_ended"));
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
