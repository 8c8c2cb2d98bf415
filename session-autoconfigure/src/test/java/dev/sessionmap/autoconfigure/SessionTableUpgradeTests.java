package dev.sessionmap.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.sessionmap.core.IndexedSession;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.jdbc.SessionTable;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session table created by an earlier sessionmap (0.1.0, or before the purge column:
 * their H2 schema files, kept in the test resources) on start-up: upgraded by the schema
 * initializer when it may run, else a failed start-up whose analysis gives the statements
 * that upgrade it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionTableUpgradeTests {

    private static final Instant NOW = Instant.now();

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.hibernate"))
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SessionAutoConfiguration.class,
                DatastoreSessionAutoConfiguration.class, ServerSessionAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + this.url);

    @Test
    void isRegisteredForSpringBootsFailureAnalysis() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, (type, implementation, failure) -> {
            })).hasAtLeastOneElementOfType(OutdatedSessionTableFailureAnalyzer.class);
    }

    @Test
    void aTableFrom010ThatTheApplicationMayNotChangeFailsStartUpWithTheStatementsThatUpgradeIt() throws Exception {
        createTableOf("sessionmap-0.1.0", "web_session");
        String oldSession = insertOldRow("web_session");
        WebApplicationContextRunner runner = this.runner.withPropertyValues(
                "app.session.datastore.initialize-schema=never", "app.session.datastore.table-name=web_session");
        String[] action = new String[1];
        runner.run((context) -> {
            Throwable failure = context.getStartupFailure();
            assertThat(failure).as("start-up failure").isNotNull();
            FailureAnalysis analysis = new OutdatedSessionTableFailureAnalyzer().analyze(failure);
            assertThat(analysis).as("analysis of " + failure).isNotNull();
            assertThat(analysis.getDescription()).contains("web_session", "sessionmap 0.1.0", "principal_name",
                    "purge_at");
            assertThat(analysis.getAction()).contains("Run on H2:")
                .doesNotContain("PostgreSQL", "MySQL")
                .contains("    ALTER TABLE web_session ADD COLUMN IF NOT EXISTS principal_name VARCHAR(255);\n"
                        + "    ALTER TABLE web_session ADD COLUMN IF NOT EXISTS purge_at BIGINT NOT NULL DEFAULT 0;\n"
                        + "    DROP INDEX IF EXISTS web_session_user_idx;\n"
                        + "    CREATE INDEX IF NOT EXISTS web_session_purge_idx ON web_session (purge_at);\n"
                        + "    CREATE INDEX IF NOT EXISTS web_session_user_idx ON web_session (principal_name);\n"
                        + "    DROP INDEX IF EXISTS web_session_expires_idx;\n")
                .contains("app.session.datastore.initialize-schema=always", "Sessions logged in under 0.1.0");
            action[0] = analysis.getAction();
        });
        // What the user reads is what makes the application start.
        List<String> statements = action[0].lines()
            .filter((line) -> line.startsWith("    "))
            .map(String::strip)
            .toList();
        assertThat(statements).hasSize(6);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(this.url, "sa", ""));
        statements.forEach(jdbc::execute);
        runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertStoreListsUsersAndLoads(context.getBean(JdbcSessionStore.class), oldSession);
        });
    }

    @Test
    void aTableFrom010IsUpgradedByTheSchemaInitializerWhenItMayRun(CapturedOutput output) throws Exception {
        createTableOf("sessionmap-0.1.0", "sessionmap_session");
        String oldSession = insertOldRow("sessionmap_session");
        // H2 in memory is embedded, so the default initialize-schema=embedded runs.
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertStoreListsUsersAndLoads(context.getBean(JdbcSessionStore.class), oldSession);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'SESSIONMAP_SESSION_USER_IDX'",
                    Integer.class))
                .isOne();
        });
        assertThat(output).contains("Upgrading the session table sessionmap_session, created by an earlier sessionmap"
                + " without principal_name and purge_at");
    }

    @Test
    void aTableFromBeforeThePurgeColumnInAnotherSchemaFailsStartUpWithTheStatementsThatUpgradeIt() throws Exception {
        try (Connection connection = DriverManager.getConnection(this.url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA web");
        }
        createTableOf("sessionmap-pre-purge-at", "web.visitor_session");
        String oldSession = insertOldRow("web.visitor_session");
        WebApplicationContextRunner runner = this.runner.withPropertyValues(
                "app.session.datastore.initialize-schema=never",
                "app.session.datastore.table-name=web.visitor_session");
        String[] action = new String[1];
        runner.run((context) -> {
            FailureAnalysis analysis = new OutdatedSessionTableFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("web.visitor_session", "purge_at")
                .doesNotContain("principal_name", "0.1.0");
            assertThat(analysis.getAction()).doesNotContain("0.1.0");
            action[0] = analysis.getAction();
        });
        List<String> statements = action[0].lines()
            .filter((line) -> line.startsWith("    "))
            .map(String::strip)
            .toList();
        assertThat(statements).containsExactly(
                "ALTER TABLE web.visitor_session ADD COLUMN IF NOT EXISTS principal_name VARCHAR(255);",
                "ALTER TABLE web.visitor_session ADD COLUMN IF NOT EXISTS purge_at BIGINT NOT NULL DEFAULT 0;",
                "DROP INDEX IF EXISTS web.visitor_session_user_idx;",
                "CREATE INDEX IF NOT EXISTS visitor_session_purge_idx ON web.visitor_session (purge_at);",
                "CREATE INDEX IF NOT EXISTS visitor_session_user_idx ON web.visitor_session (principal_name);",
                "DROP INDEX IF EXISTS web.visitor_session_expires_idx;");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(this.url, "sa", ""));
        statements.forEach(jdbc::execute);
        assertThat(jdbc.queryForList("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'WEB'"
                + " AND TABLE_NAME = 'VISITOR_SESSION' AND INDEX_TYPE_NAME <> 'PRIMARY KEY'", String.class))
            .containsExactlyInAnyOrder("VISITOR_SESSION_PURGE_IDX", "VISITOR_SESSION_USER_IDX");
        runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertStoreListsUsersAndLoads(context.getBean(JdbcSessionStore.class), oldSession);
        });
    }

    @Test
    void aCurrentTableStartsWithoutAnyUpgrade(CapturedOutput output) {
        this.runner.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionStore.class));
        this.runner.withPropertyValues("app.session.datastore.initialize-schema=never")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("Upgrading the session table");
    }

    private void assertStoreListsUsersAndLoads(JdbcSessionStore store, String oldSession) {
        assertThat(store.load(oldSession)).as("the 0.1.0 session").isNotNull();
        SessionCodec codec = SessionCodec.withDefaults();
        ObjectNode data = codec.newData();
        data.put(SessionRecords.PRINCIPAL, "ann");
        String id = store.save(SessionWrite.create(SessionIds.generate(), data, NOW, NOW.plus(Duration.ofDays(1))));
        assertThat(store.findByPrincipal("ann", NOW)).extracting(IndexedSession::idHash)
            .containsExactly(SessionIds.hash(id));
    }

    private void createTableOf(String release, String name) throws Exception {
        String schema = new String(getClass().getResourceAsStream("/" + release + "/schema-h2.sql").readAllBytes(),
                StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(this.url, "sa", "");
                Statement statement = connection.createStatement()) {
            for (String sql : SessionTable.named(name).resolve(schema).split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    private String insertOldRow(String table) {
        String id = SessionIds.generate();
        new JdbcTemplate(new DriverManagerDataSource(this.url, "sa", "")).update(
                "INSERT INTO " + table + " (id_hash, data, created_at, last_accessed_at, expires_at, version)"
                        + " VALUES (?, '{\"count\":1}', ?, ?, ?, 0)",
                SessionIds.hash(id), NOW.toEpochMilli(), NOW.toEpochMilli(),
                NOW.plus(Duration.ofDays(1)).toEpochMilli());
        return id;
    }

}
