package dev.sessionmap.sample;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's PostgreSQL switch: the sample app started with the {@code postgres}
 * profile creates its session table, counts, and logs a member in and out through Spring
 * Security with the session in that table. It runs in a schema of its own, dropped
 * afterwards.
 */
class SamplePostgresProfileTests {

    @Test
    void theSampleAppRunsOnPostgresqlWithThePostgresProfile() throws Exception {
        String url = System.getenv("SESSIONMAP_POSTGRES_URL");
        assumeTrue(url != null, "SESSIONMAP_POSTGRES_URL is not set (.ci/run sets it when PostgreSQL is up)");
        String user = Objects.requireNonNullElse(System.getenv("SESSIONMAP_POSTGRES_USER"), "postgres");
        String schema = "sessionmap_sample_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, user, "CREATE SCHEMA " + schema);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.username=" + user,
                    "--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema)) {
            String counter = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/counter";
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            List<String> counts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                counts.add(client
                    .send(HttpRequest.newBuilder(URI.create(counter)).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
            }
            assertThat(counts).containsExactly("1", "2", "3");
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo(schema);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sessionmap_session", Integer.class)).isOne();

            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            SiteVisitor member = new SiteVisitor(port);
            assertThat(member.logIn("bob", "builder").body())
                .contains("Logged in as <strong id=\"member\">Bob</strong>");
            member.get("/comments");
            assertThat(member.postWithoutToken("/comments", Map.of("text", "forged")).statusCode()).isEqualTo(403);
            assertThat(member.post("/comments", Map.of("text", "On PostgreSQL")).body())
                .contains("Thanks for your comment!");
            SiteVisitor otherDevice = new SiteVisitor(port, YourSessionsHttpTests.FIREFOX);
            otherDevice.logIn("bob", "builder");
            String sessions = member.get("/sessions").body();
            assertThat(sessions).contains("Firefox 128 on Windows").containsOnlyOnce("class=\"this-device\"");
            String otherId = sessions.replaceFirst("(?s).*name=\"id\" value=\"([^\"]+)\".*", "$1");
            assertThat(member.post("/sessions/revoke", Map.of("id", otherId)).body())
                .contains("That device is logged out.");
            assertThat(otherDevice.get("/account").uri().getPath()).isEqualTo("/login");

            String loggedIn = member.sessionCookie().orElseThrow();
            assertThat(member.post("/logout", Map.of()).body()).contains("You are logged out.")
                .contains("Not logged in");
            assertThat(member.getPresenting("/", loggedIn).body()).contains("Not logged in");
        }
        finally {
            execute(url, user, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String user, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
