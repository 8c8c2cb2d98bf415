package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.FlashMapManager;

import dev.sessionmap.autoconfigure.SessionPurger;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/** Expiry and the classic session API over real HTTP on the datastore store (H2), with the clock moved by hand. */
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.jpa.hibernate.ddl-auto=validate", "app.session.absolute-timeout=30d",
                "spring.jpa.properties.hibernate.session_factory.statement_inspector=dev.sessionmap.web.SqlStatements" })
class ClassicSessionHttpTests {

    @LocalServerPort
    private int port;

    @Autowired
    private TestClock clock;

    @Autowired
    private SessionAdmin admin;

    @Autowired
    private SessionPurger purger;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private FlashMapManager flashMapManager;

    private Browser browser;

    @BeforeEach
    void newBrowser() {
        this.browser = new Browser(this.port);
    }

    @Test
    void theIdleTimeoutEndsASessionWhichIsNeverServedAgainEvenBeforeThePurge() {
        this.browser.get("/counter");
        String expired = this.browser.cookie;
        this.clock.advance(Duration.ofDays(14).minusSeconds(1));
        assertThat(this.browser.get("/counter").body()).isEqualTo("2");
        this.clock.advance(Duration.ofDays(14));
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
        assertThat(this.browser.cookie).as("the stale cookie is cleared").isNull();
        assertThat(rows(expired)).as("still in the table until the purge").isEqualTo(1);
        this.browser.cookie = expired;
        assertThat(this.browser.get("/counter").body()).isEqualTo("1");
        assertThat(this.browser.cookie).isNotEqualTo(expired);
    }

    @Test
    void theAbsoluteTimeoutEndsEvenABusySession() {
        this.browser.get("/counter");
        for (int day = 10; day < 30; day += 10) {
            this.clock.advance(Duration.ofDays(10));
            this.browser.get("/counter");
        }
        HttpResponse<String> last = this.browser.get("/counter");
        assertThat(last.body()).isEqualTo("4");
        assertThat(this.browser.sessionCookie(last)).hasValueSatisfying(
                (header) -> assertThat(header).as("the cookie lives only until the absolute timeout").contains("Max-Age=" + Duration.ofDays(10).toSeconds()));
        this.clock.advance(Duration.ofDays(10));
        assertThat(this.browser.get("/counter").body()).isEqualTo("1");
    }

    @Test
    void aReadRefreshesTheSessionOnlyOnceTheTouchIntervalHasPassed() {
        this.browser.get("/counter");
        this.clock.advance(Duration.ofSeconds(59));
        SqlStatements.reset();
        HttpResponse<String> early = this.browser.get("/read");
        assertThat(this.browser.sessionCookie(early)).isEmpty();
        assertThat(SqlStatements.verbs()).containsExactly("SELECT");

        this.clock.advance(Duration.ofSeconds(1));
        SqlStatements.reset();
        HttpResponse<String> due = this.browser.get("/read");
        assertThat(this.browser.sessionCookie(due)).hasValueSatisfying(
                (header) -> assertThat(header).contains("Max-Age=" + Duration.ofDays(14).toSeconds()));
        assertThat(SqlStatements.verbs()).containsExactly("SELECT", "UPDATE");
    }

    @Test
    void aSessionsOwnTimeoutSetsTheCookieAndTheServerSideExpiry() {
        HttpResponse<String> response = this.browser.get("/timeout?minutes=5");
        assertThat(this.browser.sessionCookie(response)).hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=300"));
        this.clock.advance(Duration.ofMinutes(4));
        assertThat(this.browser.get("/counter").body()).isEqualTo("2");
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

    @Test
    void anExplicitSaveIsKeptEvenWhenTheRequestFailsAfterIt() {
        this.browser.get("/counter");
        assertThat(this.browser.get("/save-then-fail").statusCode()).isEqualTo(500);
        assertThat(this.browser.get("/keys").body()).isEqualTo("count,saved");
    }

    @Test
    void aNewSessionSavedExplicitlyGetsItsCookieEvenWhenTheHandlerThenThrows() {
        HttpResponse<String> failed = this.browser.get("/save-then-fail");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(this.browser.sessionCookie(failed)).isPresent();
        assertThat(this.browser.get("/keys").body()).isEqualTo("saved");
    }

    @Test
    void changesAfterAnExplicitSaveAreSavedAtTheEnd() {
        HttpResponse<String> response = this.browser.get("/save-then-change");
        assertThat(this.browser.sessionCookie(response)).isPresent();
        assertThat(this.browser.get("/keys").body()).isEqualTo("first,second");
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
        assertThat(this.browser.get("/keys").body()).as("deleted after the check").isEmpty();

        new Browser(this.port).get("/test-cookie/set");
        assertThat(new Browser(this.port).get("/test-cookie/check").body()).isEqualTo("cookies are off");
    }

    @Test
    void flashAttributesSurviveARedirectWithoutAnHttpSession() {
        assertThat(this.flashMapManager).isInstanceOf(SessionMapFlashMapManager.class);
        HttpResponse<String> redirect = this.browser.get("/flash-attribute");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/show"));
        assertThat(this.browser.otherCookies).containsKey("sessionid_flash");

        SqlStatements.reset();
        HttpResponse<String> shown = this.browser.get("/show");
        assertThat(shown.body()).isEqualTo("Profile saved");
        assertThat(SqlStatements.verbs()).containsExactly("SELECT", "UPDATE");
        assertThat(this.browser.otherCookies).as("the marker is cleared once nothing is pending").isEmpty();

        assertThat(this.browser.get("/show").body()).isEqualTo("null");
        assertThat(redirect.headers().allValues("Set-Cookie")).noneMatch((header) -> header.startsWith("JSESSIONID"));
        assertThat(shown.headers().allValues("Set-Cookie")).noneMatch((header) -> header.startsWith("JSESSIONID"));
    }

    @Test
    void aRequestWithASessionButNoPendingFlashRunsNoSql() {
        this.browser.get("/counter");
        this.browser.get("/flash-attribute");
        this.browser.get("/show");
        SqlStatements.reset();
        HttpResponse<String> response = this.browser.get("/noop");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(this.browser.cookie).isNotNull();
        assertThat(SqlStatements.statements).isEmpty();
        SqlStatements.reset();
        assertThat(this.browser.get("/show").body()).isEqualTo("null");
        assertThat(SqlStatements.statements).as("no marker, no flash lookup").isEmpty();
    }

    @Test
    void theAdminBeanFindsCountsAndDeletesSessions() {
        long before = this.admin.count();
        this.browser.get("/counter");
        this.browser.get("/flash?message=Hi");
        String id = this.browser.cookie;
        assertThat(this.admin.count()).isEqualTo(before + 1);

        SessionSnapshot snapshot = this.admin.find(id).orElseThrow();
        assertThat(snapshot.data()).containsEntry("count", 1).containsKey("_flash");
        assertThat(snapshot.get("count", Long.class)).isEqualTo(1L);
        assertThat(snapshot.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofDays(14)));
        assertThat(this.admin.find(SessionIds.generate())).isEmpty();
        assertThat(this.admin.find("not an id")).isEmpty();

        assertThat(this.admin.delete(id)).isTrue();
        assertThat(this.admin.delete(id)).isFalse();
        assertThat(this.admin.count()).isEqualTo(before);
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

    @Test
    void thePurgeBeanRemovesExpiredSessionsAndKeepsLiveOnes() {
        this.browser.get("/counter");
        String expired = this.browser.cookie;
        this.clock.advance(Duration.ofDays(14));
        Browser live = new Browser(this.port);
        live.get("/counter");
        this.clock.advance(Duration.ofSeconds(1));
        assertThat(this.purger.purge()).isPositive();
        assertThat(rows(expired)).isZero();
        assertThat(rows(live.cookie)).isEqualTo(1);
        assertThat(live.get("/counter").body()).isEqualTo("2");
    }

    private int rows(String id) {
        return new JdbcTemplate(this.dataSource).queryForObject("SELECT COUNT(*) FROM sessionmap_session WHERE id_hash = ?",
                Integer.class, SessionIds.hash(id));
    }
}
