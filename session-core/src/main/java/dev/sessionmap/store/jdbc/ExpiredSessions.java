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
 * One batch of the purge, exact however many nodes purge at once. The purge reads the
 * purge time, never later than the expiry time: set to it at insert, left where it is by
 * writes (which would otherwise change an indexed column on every request), and moved up
 * to it here once it has passed on a row still alive. In one transaction a batch locks
 * the rows whose purge time has passed with a locking read, oldest first; deletes those
 * expired, telling the sessions among them from forwarding entries and noting whose they
 * were; and moves the purge time of the others up to their expiry. A row another node's
 * purge dealt with first is not returned by the locking read (it waits for that purge to
 * commit, then skips the row), so every expired session is reported by exactly one call.
 * Rows are locked in index order ({@code purge_at, id_hash}), the same on every node, so
 * purges cannot deadlock.
 */
final class ExpiredSessions {

    /**
     * The rows due, locked: key, indexed user, expiry, and the start of the data, which
     * tells a forwarding entry without reading the whole data of every row.
     */
    static final String SELECT_DUE = "SELECT id_hash, principal_name, SUBSTRING(data, 1, 32), expires_at"
            + " FROM %TABLE_NAME% WHERE purge_at < ? ORDER BY purge_at, id_hash LIMIT ? FOR UPDATE";

    static final String SELECT_DATA = "SELECT data FROM %TABLE_NAME% WHERE id_hash = ?";

    static final String DELETE = "DELETE FROM %TABLE_NAME% WHERE id_hash IN (%IDS%)";

    /** Rows due but alive are next due when they expire. */
    static final String POSTPONE = "UPDATE %TABLE_NAME% SET purge_at = expires_at WHERE id_hash IN (%IDS%)";

    // A forwarding entry's only key (IdForwarding.KEY), so the first in its JSON.
    private static final String FORWARD_START = "{\"_moved\":";

    private static final Logger logger = LoggerFactory.getLogger(ExpiredSessions.class);

    private static final RowMapper<Due> DUE = (result, number) -> new Due(result.getString(1), result.getString(2),
            result.getString(3), result.getLong(4));

    private record Due(String idHash, @Nullable String principalColumn, @Nullable String start, long expiresAt) {
    }

    private final String selectDue;

    private final String selectData;

    private final String delete;

    private final String postpone;

    private final SessionCodec codec;

    private final AtRestSealer sealer;

    ExpiredSessions(SessionTable table, SessionCodec codec, AtRestSealer sealer) {
        this.sealer = sealer;
        this.selectDue = table.resolve(SELECT_DUE);
        this.selectData = table.resolve(SELECT_DATA);
        this.delete = table.resolve(DELETE);
        this.postpone = table.resolve(POSTPONE);
        this.codec = codec;
    }

    /**
     * Deals with at most {@code limit} rows due: deletes the expired, postpones the rest;
     * runs in the caller's transaction. The batch counts both, so that a batch of live
     * rows alone does not end the purge.
     */
    PurgeBatch purge(JdbcTemplate jdbc, long nowMillis, int limit) {
        List<Due> rows = jdbc.query(this.selectDue, DUE, nowMillis, limit);
        if (rows.isEmpty()) {
            return PurgeBatch.NONE;
        }
        List<String> expired = new ArrayList<>(rows.size());
        List<String> alive = new ArrayList<>();
        List<PurgedSession> sessions = new ArrayList<>(rows.size());
        for (Due row : rows) {
            if (row.expiresAt() >= nowMillis) {
                alive.add(row.idHash());
                continue;
            }
            expired.add(row.idHash());
            if (!isForward(row.start())) {
                sessions.add(new PurgedSession(row.idHash(), principal(jdbc, row)));
            }
        }
        int changed = byKeys(jdbc, this.delete, expired) + byKeys(jdbc, this.postpone, alive);
        if (changed != rows.size()) {
            // Cannot happen while the rows are locked; rolled back, so nothing is
            // reported wrongly.
            throw new SessionStoreException("Purge locked " + rows.size() + " sessions due but changed " + changed
                    + "; the database did not hold the row locks");
        }
        return new PurgeBatch(changed, sessions);
    }

    private static int byKeys(JdbcTemplate jdbc, String sql, List<String> idHashes) {
        if (idHashes.isEmpty()) {
            return 0;
        }
        return jdbc.update(sql.replace("%IDS%", String.join(", ", Collections.nCopies(idHashes.size(), "?"))),
                idHashes.toArray());
    }

    private static boolean isForward(@Nullable String start) {
        return start != null && start.replaceAll("\\s", "").startsWith(FORWARD_START);
    }

    /**
     * The user the column names; for a name indexed by its digest, the one the data
     * names.
     */
    private @Nullable String principal(JdbcTemplate jdbc, Due row) {
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
