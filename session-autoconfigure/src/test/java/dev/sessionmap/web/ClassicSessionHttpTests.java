package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.autoconfigure.SessionPurger;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry and the classic session API over real HTTP on the datastore store (H2), with the
 * clock moved by hand; the API every store shares is in
 * {@link AbstractClassicSessionHttpTests}.
 */
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.jpa.hibernate.ddl-auto=validate", "app.session.absolute-timeout=30d" })
@Import(SqlStatements.Registration.class)
class ClassicSessionHttpTests extends AbstractClassicSessionHttpTests {

    @Autowired
    private SessionAdmin admin;

    @Autowired
    private SessionPurger purger;

    @Autowired
    private DataSource dataSource;

    @Override
    protected List<String> takeStoreCalls() {
        List<String> verbs = SqlStatements.verbs();
        SqlStatements.reset();
        return verbs;
    }

    @Override
    protected List<String> readThenWrite() {
        return List.of("SELECT", "UPDATE");
    }

    @Test
    void theCookiesExpiresComesFromTheApplicationsClockLikeTheServerSideExpiry() {
        String header = this.browser.sessionCookie(this.browser.get("/counter")).orElseThrow();
        String expected = DateTimeFormatter.RFC_1123_DATE_TIME
            .format(this.clock.instant().plus(Duration.ofDays(14)).atZone(ZoneOffset.UTC))
            .replace("+0000", "GMT");
        assertThat(header).contains("Max-Age=1209600; Expires=" + expected);
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
        assertThat(this.browser.sessionCookie(last))
            .hasValueSatisfying((header) -> assertThat(header).as("the cookie lives only until the absolute timeout")
                .contains("Max-Age=" + Duration.ofDays(10).toSeconds()));
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
        assertThat(this.browser.sessionCookie(due))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=" + Duration.ofDays(14).toSeconds()));
        assertThat(SqlStatements.verbs()).containsExactly("SELECT", "UPDATE");
    }

    @Test
    void aSessionsOwnTimeoutSetsTheCookieAndTheServerSideExpiry() {
        HttpResponse<String> response = this.browser.get("/timeout?minutes=5");
        assertThat(this.browser.sessionCookie(response))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=300"));
        this.clock.advance(Duration.ofMinutes(4));
        assertThat(this.browser.get("/counter").body()).isEqualTo("2");
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/login", "/logout" })
    void aReadFinishingAfterLogInOrLogOutLeavesTheNewCookieAlone(String path) throws Exception {
        assertALateRefreshLeavesTheNewCookieAlone(path);
    }

    @Test
    void theAdminBeanFindsCountsAndDeletesSessions() {
        assertAdminFindsCountsAndDeletesSessions(this.admin);
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
        return new JdbcTemplate(this.dataSource).queryForObject(
                "SELECT COUNT(*) FROM sessionmap_session WHERE id_hash = ?", Integer.class, SessionIds.hash(id));
    }

}
