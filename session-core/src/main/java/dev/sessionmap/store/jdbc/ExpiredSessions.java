package dev.sessionmap.store.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import dev.sessionmap.core.PurgeBatch;
import dev.sessionmap.core.PurgedSession;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.store.AtRestSealer;

/**
 * One batch of the purge, exact however many nodes purge at once. In one transaction it
 * locks the oldest expired rows with a locking read, tells the sessions among them from
 * forwarding entries and notes whose they were, then deletes them by key. A row another
 * node's purge deleted first is not returned by the locking read (it waits for that purge
 * to commit, then skips the row), nor is one a request revived meanwhile, so every
 * expired session is reported by exactly one call. Rows are locked in index order
 * ({@code expires_at, id_hash}), the same on every node, so purges cannot deadlock.
 */
final class ExpiredSessions {

    /**
     * The oldest expired rows, locked: key, indexed user, and the start of the data,
     * which tells a forwarding entry without reading the whole data of every row.
     */
    static final String SELECT_EXPIRED = "SELECT id_hash, principal_name, SUBSTRING(data, 1, 32)"
            + " FROM %TABLE_NAME% WHERE expires_at < ? ORDER BY expires_at, id_hash LIMIT ? FOR UPDATE";

    static final String SELECT_DATA = "SELECT data FROM %TABLE_NAME% WHERE id_hash = ?";

    static final String DELETE = "DELETE FROM %TABLE_NAME% WHERE id_hash IN (%IDS%)";

    // A forwarding entry's only key (IdForwarding.KEY), so the first in its JSON.
    private static final String FORWARD_START = "{\"_moved\":";

    private static final Logger logger = LoggerFactory.getLogger(ExpiredSessions.class);

    private static final RowMapper<Expired> EXPIRED = (result, number) -> new Expired(result.getString(1),
            result.getString(2), result.getString(3));

    private record Expired(String idHash, @Nullable String principalColumn, @Nullable String start) {
    }

    private final String selectExpired;

    private final String selectData;

    private final String delete;

    private final SessionCodec codec;

    private final AtRestSealer sealer;

    ExpiredSessions(SessionTable table, SessionCodec codec, AtRestSealer sealer) {
        this.sealer = sealer;
        this.selectExpired = table.resolve(SELECT_EXPIRED);
        this.selectData = table.resolve(SELECT_DATA);
        this.delete = table.resolve(DELETE);
        this.codec = codec;
    }

    /** Deletes at most {@code limit} expired rows; runs in the caller's transaction. */
    PurgeBatch purge(JdbcTemplate jdbc, long nowMillis, int limit) {
        List<Expired> rows = jdbc.query(this.selectExpired, EXPIRED, nowMillis, limit);
        if (rows.isEmpty()) {
            return PurgeBatch.NONE;
        }
        List<PurgedSession> sessions = new ArrayList<>(rows.size());
        for (Expired row : rows) {
            if (!isForward(row.start())) {
                sessions.add(new PurgedSession(row.idHash(), principal(jdbc, row)));
            }
        }
        String sql = this.delete.replace("%IDS%", String.join(", ", Collections.nCopies(rows.size(), "?")));
        int deleted = jdbc.update(sql, rows.stream().map(Expired::idHash).toArray());
        if (deleted != rows.size()) {
            // Cannot happen while the rows are locked; rolled back, so nothing is
            // reported wrongly.
            throw new SessionStoreException("Purge locked " + rows.size() + " expired sessions but deleted " + deleted
                    + "; the database did not hold the row locks");
        }
        return new PurgeBatch(deleted, sessions);
    }

    private static boolean isForward(@Nullable String start) {
        return start != null && start.replaceAll("\\s", "").startsWith(FORWARD_START);
    }

    /**
     * The user the column names; for a name indexed by its digest, the one the data
     * names.
     */
    private @Nullable String principal(JdbcTemplate jdbc, Expired row) {
        String indexed = row.principalColumn();
        if (indexed == null || !indexed.startsWith(PrincipalColumn.DIGEST_PREFIX)) {
            return indexed;
        }
        List<String> data = jdbc.queryForList(this.selectData, String.class, row.idHash());
        String json = data.isEmpty() ? null : this.sealer.open(data.get(0), row.idHash(), "");
        try {
            return (json != null) ? SessionRecords.principalOf(this.codec.parse(json)) : null;
        }
        catch (RuntimeException ex) {
            logger.debug("Expired session data is not a JSON object; its user is not known", ex);
            return null;
        }
    }

}
