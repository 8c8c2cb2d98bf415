package dev.sessionmap.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.core.SessionStoreException;

/**
 * Users' revocation epochs in a table of a {@link DataSource}, one row per user who was
 * ever logged out everywhere ({@code schema-epochs-<platform>.sql} next to this class
 * creates it): reading is one primary-key SELECT; advancing is an UPDATE that adds one,
 * or the first row's INSERT, in a short transaction of its own. Rows are never deleted: a
 * user's epoch must outlive every cookie sealed with an earlier one.
 *
 * <pre>{@code
 * PrincipalEpochs epochs = new JdbcPrincipalEpochs(dataSource,
 *         SessionTable.named(JdbcPrincipalEpochs.DEFAULT_TABLE), Duration.ofSeconds(5));
 * }</pre>
 */
public class JdbcPrincipalEpochs implements PrincipalEpochs {

    /** The table used unless told otherwise. */
    public static final String DEFAULT_TABLE = "sessionmap_principal_epoch";

    /** Where the schema files are; {@code @@platform@@} is h2, postgresql or mysql. */
    public static final String SCHEMA_LOCATION = "classpath:dev/sessionmap/store/jdbc/schema-epochs-@@platform@@.sql";

    /** The longest principal name the table holds, in characters. */
    public static final int MAX_PRINCIPAL_LENGTH = 255;

    private static final String SELECT = "SELECT epoch FROM %TABLE_NAME% WHERE principal = ?";

    private static final String INCREMENT = "UPDATE %TABLE_NAME% SET epoch = epoch + 1 WHERE principal = ?";

    private static final String INSERT_FIRST = "INSERT INTO %TABLE_NAME% (principal, epoch) VALUES (?, 1)";

    private static final String PROBE = "SELECT principal, epoch FROM %TABLE_NAME% WHERE 1 = 0";

    private static final int MAX_ATTEMPTS = 10;

    private final SessionConnections connections;

    private final SessionTable table;

    private final String select;

    private final String increment;

    private final String insertFirst;

    /**
     * @param dataSource where the table is; each call takes a connection of its own
     * @param table the table, created by the schema script for the database
     * @param queryTimeout the longest any statement may run, rounded up to whole seconds;
     * zero for none
     */
    public JdbcPrincipalEpochs(DataSource dataSource, SessionTable table, Duration queryTimeout) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.table = Objects.requireNonNull(table, "table");
        this.connections = new SessionConnections(dataSource,
                (int) Math.max(0, (queryTimeout.toMillis() + 999) / 1000));
        this.select = table.resolve(SELECT);
        this.increment = table.resolve(INCREMENT);
        this.insertFirst = table.resolve(INSERT_FIRST);
    }

    @Override
    public long current(String principal) {
        // @Nullable type argument: NullAway sees it only in JSpecify mode
        @SuppressWarnings("NullAway")
        Long epoch = this.connections.run(false, (jdbc) -> read(jdbc, principal));
        return (epoch != null) ? epoch : 0;
    }

    /**
     * Adds one to the user's epoch. Two nodes inserting a user's first row at once
     * collide on the primary key (or, on MySQL, may deadlock on the gap lock); the loser
     * tries again and increments the winner's row, so every call advances the epoch once.
     */
    @Override
    public long advance(String principal) {
        Objects.requireNonNull(principal, "principal");
        if (principal.codePointCount(0, principal.length()) > MAX_PRINCIPAL_LENGTH) {
            throw new IllegalArgumentException(
                    "The epoch table holds principal names of at most " + MAX_PRINCIPAL_LENGTH + " characters");
        }
        for (int attempt = 1;; attempt++) {
            try {
                // @Nullable type argument: NullAway sees it only in JSpecify mode
                @SuppressWarnings("NullAway")
                Long epoch = this.connections.run(true, (jdbc) -> {
                    if (jdbc.update(this.increment, principal) > 0) {
                        return read(jdbc, principal);
                    }
                    jdbc.update(this.insertFirst, principal);
                    return 1L;
                });
                return Objects.requireNonNull(epoch);
            }
            catch (SessionStoreException ex) {
                if (attempt >= MAX_ATTEMPTS || !isRace(ex)) {
                    throw ex;
                }
            }
        }
    }

    /**
     * Whether the table exists and can be read, for a check at start-up: {@code false}
     * when the database rejects the statement (SQLState class 42: no such table, or no
     * right to read it).
     * @throws SessionStoreException when the database cannot be reached
     */
    public boolean isReadable() {
        try {
            this.connections.run(false,
                    (jdbc) -> jdbc.query(this.table.resolve(PROBE), (ResultSetExtractor<Boolean>) ResultSet::next));
            return true;
        }
        catch (SessionStoreException ex) {
            if (sqlState(ex).startsWith("42")) {
                return false;
            }
            throw ex;
        }
    }

    /** The table. */
    public SessionTable table() {
        return this.table;
    }

    // @Nullable type argument: NullAway sees it only in JSpecify mode
    @SuppressWarnings("NullAway")
    private @Nullable Long read(JdbcTemplate jdbc, String principal) {
        return jdbc.query(this.select, (rs) -> rs.next() ? rs.getLong(1) : null, principal);
    }

    /**
     * A duplicate key (SQLState class 23) or a deadlock or serialization failure (class
     * 40): another node advanced the same user at the same moment.
     */
    private static boolean isRace(Throwable ex) {
        String state = sqlState(ex);
        return state.startsWith("23") || state.startsWith("40");
    }

    private static String sqlState(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return "JdbcPrincipalEpochs[" + this.table + "]";
    }

}
