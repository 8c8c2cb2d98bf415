package dev.sessionmap.integration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.sessionmap.store.jdbc.SessionTable;

import static org.assertj.core.api.Assertions.assertThat;

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
            // A bitmap scan when the few rows lie on as many pages, as here: still one
            // range of the index, on both conditions.
            assertThat(plan).containsPattern("(Index (Only )?Scan using|Bitmap Index Scan on) " + table.userIndexName())
                .containsPattern("Index Cond: .*principal_name.*AND.*expires_at")
                .doesNotContain("Seq Scan");
        }
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
