package dev.sessionmap.integration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.sessionmap.autoconfigure.SessionSchemaInitializer;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.jdbc.SessionTable;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Sessions by user on PostgreSQL, with the plan of the listing query. */
class PostgreSqlSessionsByUserIntegrationTests extends AbstractSessionsByUserIntegrationTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }

    @Override
    protected String platform() {
        return "postgresql";
    }

    /**
     * PostgreSQL refuses NUL in text; 200 emoji are 400 UTF-16 units but 200 characters.
     */
    @Override
    protected List<String> awkwardNames() {
        return List.of("ann\u0000admin", "😀".repeat(200));
    }

    /**
     * 100,000 sessions of 20,000 users (a quarter anonymous, some expired): the query the
     * store runs to list a user's sessions reads the user index, both as planned for the
     * given values and as the generic plan PostgreSQL may switch to for a statement
     * prepared on the server. The plans are printed for the README.
     */
    @Test
    void listingAUsersSessionsIsAnIndexScanOnATableOf100000Sessions() throws Exception {
        SessionTable table = newTable();
        long now = this.now.toEpochMilli();
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        jdbc.update("INSERT INTO " + table + " (id_hash, data, created_at, last_accessed_at, expires_at,"
                + " timeout_seconds, version, principal_name)"
                + " SELECT md5(i::text) || md5((-i)::text), CASE WHEN i % 4 = 0 THEN '{\"cart\":\"apple\"}'"
                + " ELSE '{\"cart\":\"apple\",\"_principal\":\"user-' || (i % 20000) || '\"}' END,"
                + " ? - 3600000, ?, ? + (i % 1440) * 60000 - 600000, NULL, 0,"
                + " CASE WHEN i % 4 = 0 THEN NULL ELSE 'user-' || (i % 20000) END"
                + " FROM generate_series(1, 100000) AS i", now, now, now);
        jdbc.execute("ANALYZE " + table);

        List<String> sql = new ArrayList<>();
        int listed = store(recording(this.dataSource, sql), table).findByPrincipal("user-42", this.now).size();
        assertThat(sql).hasSize(1);
        assertThat(listed).isEqualTo(jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + table + " WHERE principal_name = 'user-42' AND expires_at > ?", Integer.class,
                now))
            .isPositive();

        String custom;
        String generic;
        try (Connection connection = this.dataSource.getConnection()) {
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql.get(0))) {
                explain.setString(1, "user-42");
                explain.setLong(2, now);
                custom = plan(explain.executeQuery());
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("PREPARE listing (varchar, bigint) AS "
                        + sql.get(0).replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
                statement.execute("SET plan_cache_mode = force_generic_plan");
                generic = plan(
                        statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE listing ('user-42', " + now + ")"));
                statement.execute("DEALLOCATE listing");
                statement.execute("RESET plan_cache_mode");
            }
        }
        System.out.println("Listing query: " + sql.get(0) + "\n\nPlan for the values:\n" + custom
                + "\nGeneric plan (a statement prepared on the server):\n" + generic);
        for (String plan : List.of(custom, generic)) {
            // A bitmap scan when the few rows lie on as many pages, as here: the user's
            // entries of the index, their expiry checked on the rows (the index holds no
            // expiry time, so that writes change no indexed column).
            assertThat(plan).containsPattern("(Index (Only )?Scan using|Bitmap Index Scan on) " + table.userIndexName())
                .containsPattern("Index Cond: \\(?\\(?principal_name")
                .doesNotContain("Seq Scan");
        }
    }

    /**
     * Writes that keep the user change no indexed column, so PostgreSQL updates the row
     * in place (a heap-only tuple) and no index: the reason the purge reads its own
     * lagging column rather than the expiry time. Counted by PostgreSQL itself; each
     * connection closes after its call, which sends its backend's counts to
     * {@code pg_stat}.
     */
    @Test
    void writesThatKeepTheUserAreHeapOnlyUpdates() throws Exception {
        SessionTable table = newTable();
        JdbcSessionStore store = store(unpooled(), table);
        String id = save(store, "ann", this.now.plus(Duration.ofHours(1)));
        int writes = 40;
        for (int i = 1; i <= writes; i++) {
            StoredSession loaded = store.load(id);
            Instant at = this.now.plusSeconds(i);
            ObjectNode data = (ObjectNode) loaded.data().deepCopy();
            data.put("count", i);
            store.save((i % 2 == 0) ? SessionWrite.touch(loaded, at, at.plus(Duration.ofHours(1)))
                    : SessionWrite.update(loaded, data, SessionChanges.none(), at, at.plus(Duration.ofHours(1))));
        }
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        String stats = "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relid = '" + table
                + "'::regclass";
        // The closed backends' counts reach pg_stat shortly after they exit.
        Map<String, Object> counts = await().atMost(Duration.ofSeconds(20))
            .until(() -> jdbc.queryForMap(stats), (row) -> ((Number) row.get("n_tup_upd")).longValue() >= writes);
        System.out.println("Updates of " + table + " after " + writes + " writes: " + counts);
        assertThat(((Number) counts.get("n_tup_upd")).longValue()).as("updates counted").isGreaterThanOrEqualTo(writes);
        assertThat(((Number) counts.get("n_tup_hot_upd")).longValue()).as("heap-only updates of " + counts)
            .isGreaterThanOrEqualTo(writes * 9L / 10);
    }

    /**
     * The upgrade runs in one transaction: when a statement fails (here its last, which
     * drops the expiry index, finds a table of that name), PostgreSQL keeps the table as
     * it was, so the next start, the obstacle gone, upgrades it whole.
     */
    @Test
    void anUpgradeThatFailsLeavesTheTableAsItWasForTheNextStartToUpgradeWhole() throws Exception {
        SessionTable table = newTable();
        createTableOf("sessionmap-pre-purge-at", table);
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        jdbc.execute("ALTER INDEX " + table.indexName() + " RENAME TO " + table.name() + "_old_expiry");
        jdbc.execute("CREATE TABLE " + table.indexName() + " (id INT)");
        SessionSchemaInitializer initializer = new SessionSchemaInitializer(this.dataSource, table,
                DatabaseInitializationMode.ALWAYS);
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(initializer::initializeDatabase)
            .withStackTraceContaining("is not an index");
        String columns = "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = '" + table.name() + "' AND column_name = 'purge_at'";
        assertThat(jdbc.queryForObject(columns, Integer.class)).as("purge_at, rolled back").isZero();
        assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                + " AND indexname = '" + table.userIndexName() + "'", String.class))
            .as("the user index, as it was")
            .contains("principal_name, expires_at");

        jdbc.execute("DROP TABLE " + table.indexName());
        assertThat(initializer.initializeDatabase()).isTrue();
        assertThat(jdbc.queryForObject(columns, Integer.class)).isOne();
        assertCurrentIndexes(table);
    }

    private static String plan(ResultSet rows) throws SQLException {
        StringBuilder plan = new StringBuilder();
        while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
        }
        return plan.toString();
    }

    /** {@code dataSource}, noting the SQL of every statement prepared on it. */
    private static DataSource recording(DataSource dataSource, List<String> sql) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] { Connection.class }, (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                sql.add((String) args[0]);
                            }
                            try {
                                return method.invoke(connection, args);
                            }
                            catch (InvocationTargetException ex) {
                                throw ex.getCause();
                            }
                        });
            }
        };
    }

}
