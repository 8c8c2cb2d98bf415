package dev.sessionmap.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;

import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;

/**
 * The statements a request may run on the session table, as plain JDBC on the persistence unit's own
 * connections. They are the same SQL on H2, PostgreSQL and MySQL/MariaDB. Measured under load, Hibernate's
 * per-call work (an {@code EntityManager}, a transaction, result mapping) cost more CPU than the database,
 * so the request path does without it; the entity still defines the table for JPA.
 */
final class SessionRows {

    static final String SELECT = "SELECT data, created_at, last_accessed_at, expires_at, timeout_seconds, version"
            + " FROM sessionmap_session WHERE id_hash = ?";

    static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";

    static final String INSERT = "INSERT INTO sessionmap_session (id_hash, data, created_at, last_accessed_at,"
            + " expires_at, timeout_seconds, version) VALUES (?, ?, ?, ?, ?, ?, ?)";

    static final String UPDATE = "UPDATE sessionmap_session SET data = ?, last_accessed_at = ?, expires_at = ?,"
            + " timeout_seconds = ?, version = version + 1 WHERE id_hash = ? AND version = ?";

    /** Refreshes the access time only; never moves it backwards, so it needs no version check. */
    static final String TOUCH = "UPDATE sessionmap_session SET last_accessed_at = ?, expires_at = ?"
            + " WHERE id_hash = ? AND last_accessed_at < ?";

    static final String DELETE = "DELETE FROM sessionmap_session WHERE id_hash = ?";

    static final String DELETE_VERSION = DELETE + " AND version = ?";

    /** Turns a session's row into the forwarding entry of periodic rotation, if it is still the version loaded. */
    static final String FORWARD = "UPDATE sessionmap_session SET data = ?, last_accessed_at = ?, expires_at = ?,"
            + " timeout_seconds = NULL, version = version + 1 WHERE id_hash = ? AND version = ?";

    private static final Logger logger = LoggerFactory.getLogger(SessionRows.class);

    /** One session row as read; times are epoch milliseconds. */
    record Row(String data, long createdAt, long lastAccessedAt, long expiresAt, @Nullable Long timeoutSeconds,
            long version) {
    }

    @FunctionalInterface
    interface Work<T extends @Nullable Object> {

        T run(Connection connection) throws SQLException;
    }

    private final ConnectionProvider connections;

    private final int timeoutSeconds;

    SessionRows(ConnectionProvider connections, int timeoutSeconds) {
        this.connections = connections;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Runs statements on one connection. A single statement runs in auto-commit, as one round trip; work
     * that must see its own lock runs in a transaction. Every failure becomes a {@link SessionStoreException}
     * that keeps the {@link SQLException} as its cause.
     */
    <T extends @Nullable Object> T run(boolean transactional, Work<T> work) {
        Connection connection;
        try {
            connection = this.connections.getConnection();
        }
        catch (SQLException | RuntimeException ex) {
            throw unavailable(ex);
        }
        boolean began = false;
        boolean inTransaction = transactional;
        try {
            boolean autoCommit = connection.getAutoCommit();
            began = transactional && autoCommit;
            // A pool may hand out connections without auto-commit: this call ends the transaction it opened.
            inTransaction = transactional || !autoCommit;
            if (began) {
                connection.setAutoCommit(false);
            }
            T result = work.run(connection);
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

    @Nullable Row select(Connection connection, String idHash, boolean forUpdate) throws SQLException {
        try (PreparedStatement statement = prepare(connection, forUpdate ? SELECT_FOR_UPDATE : SELECT)) {
            statement.setString(1, idHash);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return null;
                }
                long timeout = result.getLong(5);
                Long timeoutSeconds = result.wasNull() ? null : timeout;
                return new Row(result.getString(1), result.getLong(2), result.getLong(3), result.getLong(4),
                        timeoutSeconds, result.getLong(6));
            }
        }
    }

    void insert(Connection connection, String idHash, String json, SessionWrite write, long version)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, INSERT)) {
            statement.setString(1, idHash);
            statement.setString(2, json);
            statement.setLong(3, write.createdAt().toEpochMilli());
            statement.setLong(4, write.lastAccessedAt().toEpochMilli());
            statement.setLong(5, write.expiresAt().toEpochMilli());
            setTimeout(statement, 6, write.timeout());
            statement.setLong(7, version);
            statement.executeUpdate();
        }
    }

    /** Writes the data if the row is still at {@code version}; {@code false} if it is not (or is gone). */
    boolean update(Connection connection, String idHash, String json, SessionWrite write, long version)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, UPDATE)) {
            statement.setString(1, json);
            statement.setLong(2, write.lastAccessedAt().toEpochMilli());
            statement.setLong(3, write.expiresAt().toEpochMilli());
            setTimeout(statement, 4, write.timeout());
            statement.setString(5, idHash);
            statement.setLong(6, version);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Moves the access time forward; {@code false} when it did not: the row is gone, is a forwarding entry, or
     * another request refreshed it later.
     */
    boolean touch(Connection connection, String idHash, SessionWrite write) throws SQLException {
        try (PreparedStatement statement = prepare(connection, TOUCH)) {
            long lastAccessedAt = write.lastAccessedAt().toEpochMilli();
            statement.setLong(1, lastAccessedAt);
            statement.setLong(2, write.expiresAt().toEpochMilli());
            statement.setString(3, idHash);
            statement.setLong(4, lastAccessedAt);
            return statement.executeUpdate() == 1;
        }
    }

    /** Turns the row into a forwarding entry if it is still at {@code version}. */
    boolean forward(Connection connection, String idHash, String json, SessionWrite forward, long version)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, FORWARD)) {
            statement.setString(1, json);
            statement.setLong(2, forward.lastAccessedAt().toEpochMilli());
            statement.setLong(3, forward.expiresAt().toEpochMilli());
            statement.setString(4, idHash);
            statement.setLong(5, version);
            return statement.executeUpdate() == 1;
        }
    }

    void delete(Connection connection, String idHash) throws SQLException {
        try (PreparedStatement statement = prepare(connection, DELETE)) {
            statement.setString(1, idHash);
            statement.executeUpdate();
        }
    }

    /** Deletes the row if it is still at {@code version}. */
    boolean delete(Connection connection, String idHash, long version) throws SQLException {
        try (PreparedStatement statement = prepare(connection, DELETE_VERSION)) {
            statement.setString(1, idHash);
            statement.setLong(2, version);
            return statement.executeUpdate() == 1;
        }
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (this.timeoutSeconds > 0) {
            statement.setQueryTimeout(this.timeoutSeconds);
        }
        return statement;
    }

    private static void setTimeout(PreparedStatement statement, int index, @Nullable Duration timeout)
            throws SQLException {
        if (timeout != null) {
            statement.setLong(index, timeout.toSeconds());
        }
        else {
            statement.setNull(index, Types.BIGINT);
        }
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

    private void release(Connection connection, boolean restoreAutoCommit) {
        if (restoreAutoCommit) {
            try {
                connection.setAutoCommit(true);
            }
            catch (SQLException | RuntimeException ex) {
                logger.debug("Restoring auto-commit on a session connection failed", ex);
            }
        }
        try {
            this.connections.closeConnection(connection);
        }
        catch (SQLException | RuntimeException ex) {
            // A connection broken under us cannot be released; thrown from here it would replace the
            // SessionStoreException (a 503) on its way out, or fail work that was already committed.
            logger.debug("Releasing a session connection failed", ex);
        }
    }
}
