package dev.sessionmap.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.IndexedSession;
import dev.sessionmap.core.PrincipalSessionStore;
import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.PurgeBatch;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.AtRestSealer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The datastore store: one row per session in a table of a {@link DataSource}, keyed by
 * the SHA-256 of the id. A read is one SELECT and writes nothing; a change is one UPDATE
 * guarded by the version column, and on a conflict the request's own changes are
 * re-applied onto the fresh row, key by key.
 *
 * <p>
 * Every statement is plain SQL through Spring JDBC, so the store works with or without
 * JPA, and with any JPA set-up (multi-tenancy included). Each call takes a connection of
 * its own from the data source and, where it needs one, a transaction of its own, so
 * session writes neither join nor disturb the application's transactions or an
 * open-in-view persistence context (see {@link SessionConnections}).
 *
 * <pre>{@code
 * SessionStore store = new JdbcSessionStore(dataSource, SessionTable.named("sessions.web_session"),
 *         SessionCodec.withDefaults(), Duration.ofSeconds(5), 32);
 * }</pre>
 */
public class JdbcSessionStore implements PurgeableSessionStore, PrincipalSessionStore {

    private static final Logger logger = LoggerFactory.getLogger(JdbcSessionStore.class);

    private final SessionConnections connections;

    private final SessionRows rows;

    private final ExpiredSessions expired;

    private final SessionCodec codec;

    private final int timeoutSeconds;

    private final int maxAttempts;

    /**
     * @param dataSource where the session table is; each call takes a connection of its
     * own from it
     * @param table the session table, created by the schema script for the database
     * @param queryTimeout the longest any statement may run, so a hung database cannot
     * hold request threads; JDBC counts it in whole seconds, so it is rounded up; zero
     * for none
     * @param maxAttempts how many times a write is tried: after a conflict the next
     * re-reads the row under a lock, so more only help after a deadlock
     */
    public JdbcSessionStore(DataSource dataSource, SessionTable table, SessionCodec codec, Duration queryTimeout,
            int maxAttempts) {
        this(dataSource, table, codec, queryTimeout, maxAttempts, AtRestSealer.plain());
    }

    /**
     * A store whose data column passes through {@code sealer}: encrypted at rest, or
     * plain with sealed rows still read (see {@link AtRestSealer}).
     */
    public JdbcSessionStore(DataSource dataSource, SessionTable table, SessionCodec codec, Duration queryTimeout,
            int maxAttempts, AtRestSealer sealer) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.timeoutSeconds = (int) Math.max(0, (queryTimeout.toMillis() + 999) / 1000);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.connections = new SessionConnections(dataSource, this.timeoutSeconds);
        this.rows = new SessionRows(Objects.requireNonNull(table, "table"), Objects.requireNonNull(sealer, "sealer"));
        this.expired = new ExpiredSessions(table, codec, sealer);
    }

    /** The longest any statement may run, in whole seconds; zero for no limit. */
    public int queryTimeoutSeconds() {
        return this.timeoutSeconds;
    }

    @Override
    public @Nullable StoredSession load(String token) {
        if (!SessionIds.isWellFormed(token)) {
            return null;
        }
        String idHash = SessionIds.hash(token);
        // @Nullable type argument: NullAway sees it only in JSpecify mode
        @SuppressWarnings("NullAway")
        SessionRows.Row row = this.connections.run(false, (jdbc) -> this.rows.select(jdbc, idHash, false));
        return (row != null) ? toSession(token, row) : null;
    }

    @Override
    public @Nullable String save(SessionWrite write) {
        StoredSession previous = write.previous();
        if (previous == null) {
            insert(write);
            return write.id();
        }
        String previousHash = SessionIds.hash(previous.id());
        // A row in an outdated form (see AtRestSealer) is written whole, not just
        // touched.
        if (!write.dataChanged() && !previous.resave()) {
            boolean touched = this.connections.run(false, (jdbc) -> this.rows.touch(jdbc, previousHash, write));
            return touched ? write.id() : null;
        }
        for (int attempt = 1;; attempt++) {
            boolean locked = attempt > 1;
            try {
                // @Nullable type argument: NullAway sees it only in JSpecify mode
                @SuppressWarnings("NullAway")
                Boolean written = this.connections
                    .run(locked || write.isRotation(), (jdbc) -> locked ? replay(jdbc, write, previousHash)
                            : Boolean.valueOf(writeRow(jdbc, write, previousHash, write.data(), previous.version())));
                if (written == null) {
                    logger.debug("Session was deleted by a concurrent request; its changes are dropped");
                    return null;
                }
                if (written) {
                    return write.id();
                }
            }
            catch (SessionStoreException ex) {
                if (!SessionConnections.isTransientConflict(ex) || attempt >= this.maxAttempts) {
                    throw ex;
                }
                logger.debug("Session write met a deadlock or serialization failure; trying again", ex);
            }
            if (attempt >= this.maxAttempts) {
                throw new SessionStoreException(
                        "Session kept changing under " + attempt + " concurrent writes; gave up");
            }
        }
    }

    // @Nullable type argument: NullAway sees it only in JSpecify mode
    @SuppressWarnings("NullAway")
    private void insert(SessionWrite write) {
        String json = this.codec.write(write.data());
        this.connections.run(false, (jdbc) -> {
            this.rows.insert(jdbc, SessionIds.hash(write.id()), json, write.principal(), write, 0);
            return null;
        });
    }

    @Override
    public void delete(StoredSession session) {
        String idHash = SessionIds.hash(session.id());
        this.connections.run(false, (jdbc) -> this.rows.delete(jdbc, idHash));
    }

    /**
     * Both writes in one transaction, and only if the session is still the version
     * loaded: the row under the previous id becomes the forwarding entry (its version
     * goes up, so a late writer that loaded the old version cannot overwrite it) and the
     * session is inserted under the new id.
     */
    @Override
    public @Nullable String rotate(SessionWrite move, SessionWrite forward) {
        StoredSession previous = move.previous();
        if (previous == null || !move.isRotation()) {
            return save(move);
        }
        String json = this.codec.write(move.data());
        String forwardJson = this.codec.write(forward.data());
        boolean moved = this.connections.run(true, (jdbc) -> {
            if (!this.rows.forward(jdbc, SessionIds.hash(previous.id()), forwardJson, forward, previous.version())) {
                return false;
            }
            this.rows.insert(jdbc, SessionIds.hash(move.id()), json, move.principal(), move, previous.version() + 1);
            return true;
        });
        return moved ? move.id() : null;
    }

    /**
     * One query on the user index. A user name longer than the column is indexed by its
     * digest; either way only sessions whose data names exactly this user are returned.
     */
    @Override
    public List<IndexedSession> findByPrincipal(String principal, Instant now) {
        Objects.requireNonNull(principal, "principal");
        List<SessionRows.IndexedRow> found = this.connections.run(false,
                (jdbc) -> this.rows.selectByPrincipal(jdbc, principal, now.toEpochMilli()));
        List<IndexedSession> sessions = new ArrayList<>(found.size());
        for (SessionRows.IndexedRow row : found) {
            ObjectNode data = parse(row.data());
            if (data != null && principal.equals(SessionRecords.principalOf(data))) {
                sessions.add(new IndexedSession(row.idHash(), data, Instant.ofEpochMilli(row.createdAt()),
                        Instant.ofEpochMilli(row.lastAccessedAt()), Instant.ofEpochMilli(row.expiresAt())));
            }
        }
        return sessions;
    }

    @Override
    public boolean deleteByIdHash(String idHash) {
        if (!isIdHash(idHash)) {
            return false;
        }
        return this.connections.run(false, (jdbc) -> this.rows.delete(jdbc, idHash));
    }

    @Override
    public long count(Instant now) {
        return this.connections.run(false, (jdbc) -> this.rows.count(jdbc, now.toEpochMilli()));
    }

    @Override
    public PurgeBatch purgeExpired(Instant now, int limit) {
        return this.connections.run(true, (jdbc) -> this.expired.purge(jdbc, now.toEpochMilli(), limit));
    }

    /**
     * After a conflict: re-reads the row under a row lock and re-applies this request's
     * own changes in the same transaction. Nobody can write the row in between, so
     * however many requests of the session race, this attempt cannot meet another
     * conflict; holding one row lock, it cannot deadlock with them. {@code null} when the
     * session was deleted or moved to a new id (the row is a forwarding entry) meanwhile.
     */
    private @Nullable Boolean replay(JdbcTemplate jdbc, SessionWrite write, String idHash) {
        SessionRows.Row fresh = this.rows.select(jdbc, idHash, true);
        if (fresh == null) {
            return null;
        }
        ObjectNode data = write.replayOnto(this.codec.parse(fresh.data()), this.codec);
        if (data == null) {
            logger.debug("Session moved to a new id by a concurrent rotation; the caller follows it");
            return null;
        }
        return writeRow(jdbc, write, idHash, data, fresh.version());
    }

    private boolean writeRow(JdbcTemplate jdbc, SessionWrite write, String idHash, ObjectNode data, long version) {
        String json = this.codec.write(data);
        // The user of the data written: after a replay, maybe not the one the request
        // saw.
        String principal = SessionRecords.principalOf(data);
        if (!write.isRotation()) {
            return this.rows.update(jdbc, idHash, json, principal, write, version);
        }
        if (!this.rows.delete(jdbc, idHash, version)) {
            return false;
        }
        this.rows.insert(jdbc, SessionIds.hash(write.id()), json, principal, write, version + 1);
        return true;
    }

    private @Nullable StoredSession toSession(String id, SessionRows.Row row) {
        ObjectNode data = parse(row.data());
        if (data == null) {
            return null;
        }
        Long timeout = row.timeoutSeconds();
        return new StoredSession(id, data, Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.lastAccessedAt()), Instant.ofEpochMilli(row.expiresAt()),
                (timeout != null) ? Duration.ofSeconds(timeout) : null, row.version(),
                // Forwarding entries stay plain (see SessionRows).
                row.outdated() && !data.has("_moved"));
    }

    private @Nullable ObjectNode parse(String json) {
        try {
            return this.codec.parse(json);
        }
        catch (RuntimeException ex) {
            logger.warn("Stored session data is not a JSON object; the session is treated as absent", ex);
            return null;
        }
    }

    /**
     * Whether {@code candidate} has the shape of {@link SessionIds#hash}, lowercase hex,
     * so that nothing else reaches the ASCII key column.
     */
    private static boolean isIdHash(String candidate) {
        return candidate.length() == 64
                && candidate.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

}
