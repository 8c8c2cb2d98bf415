package dev.sessionmap.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
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
 * The upgrade of a session table created by sessionmap 0.1.0, which lacks the
 * {@value #COLUMN} column (and its index) that lists a user's sessions: how to tell, and
 * the statements that add them, per database
 * ({@code dev/sessionmap/store/jdbc/upgrade-<platform>.sql}).
 */
final class SessionTableUpgrade {

    /** The column a 0.1.0 table lacks. */
    static final String COLUMN = "principal_name";

    /** Where the upgrade scripts are; {@code @@platform@@} is h2, postgresql or mysql. */
    static final String LOCATION = "classpath:dev/sessionmap/store/jdbc/upgrade-@@platform@@.sql";

    private static final Map<String, String> DATABASES = Map.of("h2", "H2", "postgresql", "PostgreSQL", "mysql",
            "MySQL/MariaDB");

    private static final Logger logger = LoggerFactory.getLogger(SessionTableUpgrade.class);

    private SessionTableUpgrade() {
    }

    /**
     * Whether {@code table} exists and lacks the column: one query that reads no row. A
     * table that cannot be read (missing, or the database away) needs no upgrade here:
     * the store reports it when it meets it, as before.
     */
    static boolean isNeeded(DataSource dataSource, SessionTable table) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(table.resolve("SELECT * FROM %TABLE_NAME% WHERE 1 = 0"))) {
            ResultSetMetaData columns = result.getMetaData();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                if (COLUMN.equalsIgnoreCase(columns.getColumnName(i))) {
                    return false;
                }
            }
            return true;
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Could not read the columns of the session table {}", table, ex);
            return false;
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
     * The upgrade statements for {@code table}, by database name: for the database's
     * platform only, or for each when it is {@code null}.
     */
    static Map<String, List<String>> statementsByDatabase(@Nullable String platform, SessionTable table) {
        Map<String, List<String>> statements = new LinkedHashMap<>();
        for (String each : (platform != null) ? List.of(platform) : List.of("h2", "postgresql", "mysql")) {
            statements.put(DATABASES.get(each), statements(each, table));
        }
        return statements;
    }

    /** The upgrade statements for {@code table} on {@code platform}. */
    static List<String> statements(String platform, SessionTable table) {
        ClassPathResource script = new ClassPathResource("dev/sessionmap/store/jdbc/upgrade-" + platform + ".sql");
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
