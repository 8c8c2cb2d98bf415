package dev.sessionmap.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.core.io.ClassPathResource;

import dev.sessionmap.store.jdbc.SessionTable;

/**
 * The upgrade of a session table created by an earlier sessionmap: how to tell, and the
 * statements that bring it up to date, per database. A table from 0.1.0 lacks
 * {@value #PRINCIPAL_COLUMN} (which lists a user's sessions); every earlier table lacks
 * {@value #PURGE_COLUMN} and indexes the expiry time instead, which every write changes
 * (in the expiry index, and after 0.1.0 in the user index). On H2 and PostgreSQL one
 * script, {@code dev/sessionmap/store/jdbc/upgrade-<platform>.sql}, upgrades either
 * layout, each statement of it harmless to run again. MySQL and MariaDB, whose DDL is not
 * transactional, get one {@code ALTER TABLE} per layout, so that each upgrade is all or
 * nothing: {@code upgrade-mysql.sql} for 0.1.0, {@code upgrade-purge-mysql.sql} after it.
 */
final class SessionTableUpgrade {

    /** The column a table from 0.1.0 lacks. */
    static final String PRINCIPAL_COLUMN = "principal_name";

    /** The column every earlier table lacks. */
    static final String PURGE_COLUMN = "purge_at";

    private static final Map<String, String> DATABASES = Map.of("h2", "H2", "postgresql", "PostgreSQL", "mysql",
            "MySQL/MariaDB");

    private static final Logger logger = LoggerFactory.getLogger(SessionTableUpgrade.class);

    private SessionTableUpgrade() {
    }

    /**
     * The columns {@code table} lacks, in the order they came; none when it is up to
     * date. One query that reads no row. A table that cannot be read (missing, or the
     * database away) needs no upgrade here: the store reports it when it meets it, as
     * before.
     */
    static List<String> missingColumns(DataSource dataSource, SessionTable table) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(table.resolve("SELECT * FROM %TABLE_NAME% WHERE 1 = 0"))) {
            ResultSetMetaData columns = result.getMetaData();
            List<String> missing = new ArrayList<>(List.of(PRINCIPAL_COLUMN, PURGE_COLUMN));
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                String name = columns.getColumnName(i);
                missing.removeIf(name::equalsIgnoreCase);
            }
            return List.copyOf(missing);
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Could not read the columns of the session table {}", table, ex);
            return List.of();
        }
    }

    /**
     * The platform of the database ({@code h2}, {@code postgresql}, {@code mysql} for
     * MariaDB too), or {@code null} when it is none of those.
     */
    static @Nullable String platform(DataSource dataSource) {
        try {
            String platform = new PlatformPlaceholderDatabaseDriverResolver()
                .withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
                .resolveAll(dataSource, "@@platform@@")
                .get(0);
            return DATABASES.containsKey(platform) ? platform : null;
        }
        catch (RuntimeException ex) {
            logger.debug("Could not tell the database of the session table", ex);
            return null;
        }
    }

    /**
     * The statements that add {@code missing} to {@code table}, by database name: for the
     * database's platform only, or for each when it is {@code null}.
     */
    static Map<String, List<String>> statementsByDatabase(@Nullable String platform, SessionTable table,
            List<String> missing) {
        Map<String, List<String>> statements = new LinkedHashMap<>();
        for (String each : (platform != null) ? List.of(platform) : List.of("h2", "postgresql", "mysql")) {
            statements.put(DATABASES.get(each), statements(each, table, missing));
        }
        return statements;
    }

    /** The statements that add {@code missing} to {@code table} on {@code platform}. */
    static List<String> statements(String platform, SessionTable table, List<String> missing) {
        boolean after010 = !missing.contains(PRINCIPAL_COLUMN);
        return script((after010 && "mysql".equals(platform)) ? "upgrade-purge-mysql" : "upgrade-" + platform, table);
    }

    private static List<String> script(String name, SessionTable table) {
        ClassPathResource script = new ClassPathResource("dev/sessionmap/store/jdbc/" + name + ".sql");
        try {
            return Arrays.stream(table.resolve(script.getContentAsString(StandardCharsets.UTF_8)).split(";"))
                .map(String::strip)
                .filter((sql) -> !sql.isEmpty())
                .map((sql) -> sql + ";")
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + script, ex);
        }
    }

}
