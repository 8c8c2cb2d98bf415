package dev.sessionmap.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import dev.sessionmap.core.SessionStoreException;

/**
 * Runs each store call on a connection of its own, taken from the {@link DataSource} and
 * given back at the end of the call, never on a connection of the application's
 * transaction: a session write must neither commit nor roll back with the application's
 * work, nor hold its connection. A {@link TransactionAwareDataSourceProxy} is therefore
 * looked through to the data source it wraps.
 *
 * <p>
 * The statements run through a {@link JdbcTemplate} bound to that one connection (so no
 * transaction the application started on this thread can hand it another). A single
 * statement runs in auto-commit, as one round trip; work that must see its own lock runs
 * in a short transaction. Every failure becomes a {@link SessionStoreException} that
 * keeps the {@link SQLException} as a cause.
 */
final class SessionConnections {

    // Maps by SQLException subclass and SQLState only: no database metadata is read while
    // translating.
    private static final SQLExceptionTranslator TRANSLATOR = new SQLExceptionSubclassTranslator();

    private static final Logger logger = LoggerFactory.getLogger(SessionConnections.class);

    @FunctionalInterface
    interface Work<T extends @Nullable Object> {

        T run(JdbcTemplate jdbc);

    }

    private final DataSource dataSource;

    private final int timeoutSeconds;

    SessionConnections(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = independent(dataSource);
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Runs {@code work} on a connection of its own; in a transaction of its own if
     * {@code transactional}.
     */
    <T extends @Nullable Object> T run(boolean transactional, Work<T> work) {
        return run(transactional, 0, work);
    }

    /**
     * As {@link #run(boolean, Work)}, with queries returning at most {@code maxRows} rows
     * (0 for all).
     */
    <T extends @Nullable Object> T run(boolean transactional, int maxRows, Work<T> work) {
        Connection connection;
        try {
            connection = this.dataSource.getConnection();
        }
        catch (SQLException | RuntimeException ex) {
            throw unavailable(ex);
        }
        boolean began = false;
        boolean inTransaction = transactional;
        try {
            boolean autoCommit = connection.getAutoCommit();
            began = transactional && autoCommit;
            // A pool may hand out connections without auto-commit: this call ends the
            // transaction it opened.
            inTransaction = transactional || !autoCommit;
            if (began) {
                connection.setAutoCommit(false);
            }
            T result = work.run(template(connection, maxRows));
            if (inTransaction) {
                connection.commit();
            }
            return result;
        }
        catch (SQLException | RuntimeException ex) {
            if (inTransaction) {
                rollback(connection);
            }
            throw (ex instanceof SessionStoreException sse) ? sse : unavailable(ex);
        }
        finally {
            release(connection, began);
        }
    }

    private JdbcTemplate template(Connection connection, int maxRows) {
        // Not closed by the template (the data source is a SmartDataSource that says so);
        // release() gives it back.
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, false), true);
        jdbc.setExceptionTranslator(TRANSLATOR);
        jdbc.setQueryTimeout(this.timeoutSeconds);
        if (maxRows > 0) {
            // Spring JDBC 7 also stops mapping rows at maxRows, even at 0
            // (spring-framework#34709).
            jdbc.setMaxRows(maxRows);
        }
        return jdbc;
    }

    private static DataSource independent(DataSource dataSource) {
        if (dataSource instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null) {
            return proxy.getTargetDataSource();
        }
        return dataSource;
    }

    private static SessionStoreException unavailable(Exception ex) {
        return new SessionStoreException("Session store unavailable: " + ex.getMessage(), ex);
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Rollback of a failed session transaction failed", ex);
        }
    }

    private static void release(Connection connection, boolean restoreAutoCommit) {
        if (restoreAutoCommit) {
            try {
                connection.setAutoCommit(true);
            }
            catch (SQLException | RuntimeException ex) {
                logger.debug("Restoring auto-commit on a session connection failed", ex);
            }
        }
        try {
            connection.close();
        }
        catch (SQLException | RuntimeException ex) {
            // A connection broken under us cannot be released; thrown from here it would
            // replace the
            // SessionStoreException (a 503) on its way out, or fail work that was already
            // committed.
            logger.debug("Releasing a session connection failed", ex);
        }
    }

    /**
     * A deadlock or serialization failure (SQLState class 40): the database undid the
     * transaction, which may be tried again.
     */
    static boolean isTransientConflict(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

}
