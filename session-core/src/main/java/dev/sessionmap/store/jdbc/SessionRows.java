package dev.sessionmap.store.jdbc;

import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;

import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.store.AtRestSealer;

/**
 * The statements the store runs on the session table, the same SQL on H2, PostgreSQL and
 * MySQL/MariaDB. The table name is written into them once, when the store is built. The
 * data column passes through the {@link AtRestSealer} here, keyed by the row's id hash;
 * forwarding entries stay plain (they hold no session data, and the purge tells them
 * apart by their first characters).
 */
final class SessionRows {

    static final String SELECT = "SELECT data, created_at, last_accessed_at, expires_at, timeout_seconds, version"
            + " FROM %TABLE_NAME% WHERE id_hash = ?";

    static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";

    /** A new row's purge time is its expiry time. */
    static final String INSERT = "INSERT INTO %TABLE_NAME% (id_hash, data, created_at, last_accessed_at,"
            + " expires_at, purge_at, timeout_seconds, version, principal_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Writes leave the purge time where it is unless the expiry time moves before it, so
     * that no indexed column changes on a write that keeps the user (PostgreSQL then
     * updates the row in place, a heap-only tuple, and no index).
     */
    static final String UPDATE = "UPDATE %TABLE_NAME% SET data = ?, last_accessed_at = ?, expires_at = ?,"
            + " purge_at = LEAST(purge_at, ?), timeout_seconds = ?, principal_name = ?, version = version + 1"
            + " WHERE id_hash = ? AND version = ?";

    /**
     * Refreshes the access time only; never moves it backwards, so it needs no version
     * check.
     */
    static final String TOUCH = "UPDATE %TABLE_NAME% SET last_accessed_at = ?, expires_at = ?,"
            + " purge_at = LEAST(purge_at, ?) WHERE id_hash = ? AND last_accessed_at < ?";

    static final String DELETE = "DELETE FROM %TABLE_NAME% WHERE id_hash = ?";

    static final String DELETE_VERSION = DELETE + " AND version = ?";

    /**
     * Turns a session's row into the forwarding entry of periodic rotation, if it is
     * still the version loaded.
     */
    static final String FORWARD = "UPDATE %TABLE_NAME% SET data = ?, last_accessed_at = ?, expires_at = ?,"
            + " purge_at = LEAST(purge_at, ?), timeout_seconds = NULL, principal_name = NULL, version = version + 1"
            + " WHERE id_hash = ? AND version = ?";

    /**
     * A user's live sessions: the user's entries in the user index, their expiry checked
     * on the rows. Forwarding entries have no user.
     */
    static final String SELECT_BY_PRINCIPAL = "SELECT id_hash, data, created_at, last_accessed_at, expires_at"
            + " FROM %TABLE_NAME% WHERE principal_name = ? AND expires_at > ?";

    /**
     * The live rows from the purge index: those whose purge time is still ahead (so is
     * their expiry, which is never earlier), then those it has passed that are still
     * alive, which are only the rows come due since the last purge.
     */
    static final String COUNT = "SELECT (SELECT COUNT(*) FROM %TABLE_NAME% WHERE purge_at > ?)"
            + " + (SELECT COUNT(*) FROM %TABLE_NAME% WHERE purge_at <= ? AND expires_at > ?)";

    // @Nullable type argument: NullAway sees it only in JSpecify mode
    @SuppressWarnings("NullAway")
    private static final ResultSetExtractor<@Nullable Row> ROW = (result) -> {
        if (!result.next()) {
            return null;
        }
        long timeout = result.getLong(5);
        Long timeoutSeconds = result.wasNull() ? null : timeout;
        return new Row(result.getString(1), result.getLong(2), result.getLong(3), result.getLong(4), timeoutSeconds,
                result.getLong(6), false);
    };

    private static final RowMapper<IndexedRow> INDEXED_ROW = (result, number) -> new IndexedRow(result.getString(1),
            result.getString(2), result.getLong(3), result.getLong(4), result.getLong(5));

    /**
     * One session row as read; times are epoch milliseconds. {@code outdated}: its data
     * is not in the form a write makes now (see {@link AtRestSealer.Opened}).
     */
    record Row(String data, long createdAt, long lastAccessedAt, long expiresAt, @Nullable Long timeoutSeconds,
            long version, boolean outdated) {
    }

    /** One row of a user's sessions; times are epoch milliseconds. */
    record IndexedRow(String idHash, String data, long createdAt, long lastAccessedAt, long expiresAt) {
    }

    private final String select;

    private final String selectForUpdate;

    private final String insert;

    private final String update;

    private final String touch;

    private final String delete;

    private final String deleteVersion;

    private final String forward;

    private final String count;

    private final String selectByPrincipal;

    private final AtRestSealer sealer;

    SessionRows(SessionTable table, AtRestSealer sealer) {
        this.sealer = sealer;
        this.select = table.resolve(SELECT);
        this.selectForUpdate = table.resolve(SELECT_FOR_UPDATE);
        this.insert = table.resolve(INSERT);
        this.update = table.resolve(UPDATE);
        this.touch = table.resolve(TOUCH);
        this.delete = table.resolve(DELETE);
        this.deleteVersion = table.resolve(DELETE_VERSION);
        this.forward = table.resolve(FORWARD);
        this.count = table.resolve(COUNT);
        this.selectByPrincipal = table.resolve(SELECT_BY_PRINCIPAL);
    }

    /**
     * The row of {@code idHash}, its data opened; {@code null} when there is none or its
     * sealed data does not open (changed, or moved from another row).
     */
    @Nullable Row select(JdbcTemplate jdbc, String idHash, boolean forUpdate) {
        Row row = jdbc.query(forUpdate ? this.selectForUpdate : this.select, ROW, idHash);
        AtRestSealer.Opened data = (row != null) ? this.sealer.read(row.data(), idHash, "") : null;
        return (row != null && data != null) ? new Row(data.json(), row.createdAt(), row.lastAccessedAt(),
                row.expiresAt(), row.timeoutSeconds(), row.version(), data.outdated()) : null;
    }

    /**
     * Inserts a session; {@code principal} is the user its data names (which, after a
     * replay, may not be the one {@code write} names).
     */
    void insert(JdbcTemplate jdbc, String idHash, String json, @Nullable String principal, SessionWrite write,
            long version) {
        long expiresAt = write.expiresAt().toEpochMilli();
        jdbc.update(this.insert, idHash, this.sealer.seal(json, idHash, ""), write.createdAt().toEpochMilli(),
                write.lastAccessedAt().toEpochMilli(), expiresAt, expiresAt, timeout(write.timeout()), version,
                principal(principal));
    }

    /**
     * Writes the data if the row is still at {@code version}; {@code false} if it is not
     * (or is gone).
     */
    boolean update(JdbcTemplate jdbc, String idHash, String json, @Nullable String principal, SessionWrite write,
            long version) {
        long expiresAt = write.expiresAt().toEpochMilli();
        return jdbc.update(this.update, this.sealer.seal(json, idHash, ""), write.lastAccessedAt().toEpochMilli(),
                expiresAt, expiresAt, timeout(write.timeout()), principal(principal), idHash, version) == 1;
    }

    /**
     * Moves the access time forward; {@code false} when it did not: the row is gone, is a
     * forwarding entry, or another request refreshed it later.
     */
    boolean touch(JdbcTemplate jdbc, String idHash, SessionWrite write) {
        long lastAccessedAt = write.lastAccessedAt().toEpochMilli();
        long expiresAt = write.expiresAt().toEpochMilli();
        return jdbc.update(this.touch, lastAccessedAt, expiresAt, expiresAt, idHash, lastAccessedAt) == 1;
    }

    /** Turns the row into a forwarding entry if it is still at {@code version}. */
    boolean forward(JdbcTemplate jdbc, String idHash, String json, SessionWrite forward, long version) {
        long expiresAt = forward.expiresAt().toEpochMilli();
        return jdbc.update(this.forward, json, forward.lastAccessedAt().toEpochMilli(), expiresAt, expiresAt, idHash,
                version) == 1;
    }

    /** Deletes the row; whether there was one. */
    boolean delete(JdbcTemplate jdbc, String idHash) {
        return jdbc.update(this.delete, idHash) == 1;
    }

    /** Deletes the row if it is still at {@code version}. */
    boolean delete(JdbcTemplate jdbc, String idHash, long version) {
        return jdbc.update(this.deleteVersion, idHash, version) == 1;
    }

    /**
     * The live rows indexed under {@code principal}, which the caller checks against the
     * data (see {@link PrincipalColumn}).
     */
    List<IndexedRow> selectByPrincipal(JdbcTemplate jdbc, String principal, long nowMillis) {
        List<IndexedRow> rows = new ArrayList<>();
        for (IndexedRow row : jdbc.query(this.selectByPrincipal, INDEXED_ROW, principal(principal), nowMillis)) {
            String data = this.sealer.open(row.data(), row.idHash(), "");
            if (data != null) {
                rows.add(new IndexedRow(row.idHash(), data, row.createdAt(), row.lastAccessedAt(), row.expiresAt()));
            }
        }
        return rows;
    }

    long count(JdbcTemplate jdbc, long nowMillis) {
        Long count = jdbc.queryForObject(this.count, Long.class, nowMillis, nowMillis, nowMillis);
        return (count != null) ? count : 0;
    }

    private static SqlParameterValue principal(@Nullable String principal) {
        return new SqlParameterValue(Types.VARCHAR, PrincipalColumn.valueOf(principal));
    }

    // Typed, so that a null needs no getParameterMetaData() round trip to learn the
    // column's type.
    private static SqlParameterValue timeout(@Nullable Duration timeout) {
        return new SqlParameterValue(Types.BIGINT, (timeout != null) ? timeout.toSeconds() : null);
    }

}
