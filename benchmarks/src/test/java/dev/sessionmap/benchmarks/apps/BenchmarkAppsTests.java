package dev.sessionmap.benchmarks.apps;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compared apps behave alike and each runs only its own session mechanism, so load.sh
 * compares like with like; and the SQL counting that load.sh prints sees every statement.
 */
class BenchmarkAppsTests {

    @ParameterizedTest
    @CsvSource({ "ours, sessionid", "ours-http, sessionid", "spring-session-jdbc, SESSION",
            "http-session, JSESSIONID" })
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
    void oursBehindTheHttpSessionControllerRunsTheSameSqlAsOnTheSessionMap() {
        try (RunningApp running = new RunningApp("ours-http")) {
            running.get("/counter", "X-Bench-Probe", "new");
            assertThat(running.probedVerbs("new")).containsExactly("INSERT");
            running.get("/counter", "X-Bench-Probe", "change");
            assertThat(running.probedVerbs("change")).containsExactly("SELECT", "UPDATE");
            HttpResponse<String> read = running.get("/read", "X-Bench-Probe", "read");
            assertThat(running.probedVerbs("read")).containsExactly("SELECT");
            assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
            HttpResponse<String> noop = running.get("/noop", "X-Bench-Probe", "noop");
            assertThat(running.probedVerbs("noop")).isEmpty();
            assertThat(noop.headers().allValues("Set-Cookie")).isEmpty();
            running.forgetCookie();
            running.get("/read", "X-Bench-Probe", "read-none");
            assertThat(running.probedVerbs("read-none")).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({ "ours-http", "ours" })
    void oursCountsOnTheSecureCookieStoreToo(String app) {
        try (RunningApp running = new RunningApp(app, "--app.session.store=secure-cookie",
                "--app.session.secret=" + secret())) {
            assertThat(running.get("/counter").body()).isEqualTo("1");
            assertThat(running.cookieName()).isEqualTo("sessionid");
            assertThat(running.get("/counter").body()).isEqualTo("2");
            HttpResponse<String> read = running.get("/read");
            assertThat(read.body()).isEqualTo("2");
            assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(read.headers().firstValue("Cache-Control")).hasValue("private");
            // The filter marks every response whose request loaded the session; an
            // untouched one stays unmarked.
            HttpResponse<String> noop = running.get("/noop");
            assertThat(noop.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(noop.headers().firstValue("Cache-Control")).isEmpty();
        }
    }

    @Test
    void sqlOfSpringSessionJdbcIsCountedPerRequest() {
        try (RunningApp running = new RunningApp("spring-session-jdbc")) {
            running.get("/counter", "X-Bench-Probe", "new");
            // The session row and its one attribute, written by JdbcTemplate through the
            // same DataSource.
            assertThat(running.probedVerbs("new")).containsExactly("INSERT", "INSERT");
            running.get("/read", "X-Bench-Probe", "read");
            assertThat(running.probedVerbs("read")).contains("SELECT");
        }
    }

    private static String secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

}
