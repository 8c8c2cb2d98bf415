package dev.sessionmap.benchmarks.apps;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compared apps behave alike and each runs only its own session mechanism, so load.sh compares
 * like with like; and the SQL counting that load.sh prints sees every statement.
 */
class BenchmarkAppsTests {

    @ParameterizedTest
    @CsvSource({ "ours, sessionid", "spring-session-jdbc, SESSION", "http-session, JSESSIONID" })
    void everyAppCountsPerVisitorOnItsOwnSessions(String app, String cookieName) {
        try (RunningApp running = new RunningApp(app)) {
            assertThat(running.get("/counter").body()).isEqualTo("1");
            assertThat(running.cookieName()).isEqualTo(cookieName);
            assertThat(running.get("/counter").body()).isEqualTo("2");
            assertThat(running.get("/read").body()).isEqualTo("2");
            assertThat(running.get("/hits").body()).isEqualTo("1");
            assertThat(running.get("/hits").body()).isEqualTo("2");
            HttpResponse<String> noop = running.get("/noop");
            assertThat(noop.body()).isEqualTo("ok");
            assertThat(noop.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(running.get("/bench/heap").body()).matches("heap_used_bytes=\\d+ sessions=1\\n");
            running.forgetCookie();
            assertThat(running.get("/read").body()).isEqualTo("0");
            assertThat(running.get("/noop").headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void sqlOfOursIsCountedPerRequest() {
        try (RunningApp running = new RunningApp("ours")) {
            running.get("/counter", "X-Bench-Probe", "new");
            assertThat(running.probedVerbs("new")).containsExactly("INSERT");
            running.get("/counter", "X-Bench-Probe", "change");
            assertThat(running.probedVerbs("change")).containsExactly("SELECT", "UPDATE");
            running.get("/read", "X-Bench-Probe", "read");
            assertThat(running.probedVerbs("read")).containsExactly("SELECT");
            running.get("/noop", "X-Bench-Probe", "noop");
            assertThat(running.probedVerbs("noop")).isEmpty();
        }
    }

    @Test
    void sqlOfSpringSessionJdbcIsCountedPerRequest() {
        try (RunningApp running = new RunningApp("spring-session-jdbc")) {
            running.get("/counter", "X-Bench-Probe", "new");
            // The session row and its one attribute, written by JdbcTemplate through the same DataSource.
            assertThat(running.probedVerbs("new")).containsExactly("INSERT", "INSERT");
            running.get("/read", "X-Bench-Probe", "read");
            assertThat(running.probedVerbs("read")).contains("SELECT");
        }
    }
}
