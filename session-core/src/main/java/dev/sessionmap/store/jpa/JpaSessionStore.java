package dev.sessionmap.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Query;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.ServerSessionStore;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.node.ObjectNode;

/**
 * The datastore store: one row per session, keyed by the SHA-256 of the id. A read is one SELECT and
 * writes nothing; a change is one UPDATE guarded by the version column, and on a conflict the
 * request's own changes are re-applied onto the fresh row, key by key.
 *
 * <p>The table is the {@link SessionEntity} of the application's persistence unit. What a request runs
 * is plain JDBC on that unit's connections ({@link SessionRows}); counting and purging use JPQL. Every
 * call takes its own connection and, where it needs one, its own transaction, so session writes neither
 * join nor disturb the application's transactions or an open-in-view persistence context.
 */
public class JpaSessionStore implements PurgeableSessionStore, ServerSessionStore {

    static final String SELECT_EXPIRED = "SELECT s.idHash FROM SessionMapSession s WHERE s.expiresAt < :now"
            + " ORDER BY s.expiresAt";

    static final String DELETE_EXPIRED = "DELETE FROM SessionMapSession s WHERE s.idHash IN :ids AND s.expiresAt < :now";

    static final String COUNT = "SELECT COUNT(s) FROM SessionMapSession s WHERE s.expiresAt > :now";

    private static final String TIMEOUT_HINT = "jakarta.persistence.query.timeout";

    private static final Logger logger = LoggerFactory.getLogger(JpaSessionStore.class);

    private final EntityManagerFactory entityManagerFactory;

    private final SessionRows rows;

    private final SessionCodec codec;

    private final int timeoutSeconds;

    private final int maxAttempts;

    /**
     * @param entityManagerFactory the persistence unit that maps {@link SessionEntity}; its connections run
     * the session statements
     * @param queryTimeout the longest any statement may run, so a hung database cannot hold request threads;
     * JDBC counts it in whole seconds, so it is rounded up; zero for none
     * @param maxAttempts how many times a write is tried: the first try is optimistic (version column); after a
     * conflict the next re-reads the row under a lock and cannot conflict again, so more tries only help when the
     * database reports a deadlock or serialization failure
     */
    public JpaSessionStore(EntityManagerFactory entityManagerFactory, SessionCodec codec, Duration queryTimeout,
            int maxAttempts) {
        this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.timeoutSeconds = (int) Math.max(0, (queryTimeout.toMillis() + 999) / 1000);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.rows = new SessionRows(connections(entityManagerFactory), this.timeoutSeconds);
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
        SessionRows.Row row = this.rows.run(false, (connection) -> this.rows.select(connection, idHash, false));
        return (row != null) ? toSession(token, row) : null;
    }

    @Override
    public @Nullable String save(SessionWrite write) {
        StoredSession previous = write.previous();
        if (previous == null) {
            String json = this.codec.write(write.data());
            this.rows.run(false, (connection) -> {
                this.rows.insert(connection, SessionIds.hash(write.id()), json, write, 0);
                return null;
            });
            return write.id();
        }
        String previousHash = SessionIds.hash(previous.id());
        if (!write.dataChanged()) {
            boolean touched = this.rows.run(false, (connection) -> this.rows.touch(connection, previousHash, write));
            return touched ? write.id() : null;
        }
        for (int attempt = 1;; attempt++) {
            boolean locked = attempt > 1;
            try {
                // A rotation deletes and inserts, so it needs a transaction; a plain update is one statement.
                Boolean written = this.rows.run(locked || write.isRotation(), (connection) -> locked
                        ? replay(connection, write, previousHash)
                        : Boolean.valueOf(writeRow(connection, write, previousHash, write.data(), previous.version())));
                if (written == null) {
                    logger.debug("Session was deleted by a concurrent request; its changes are dropped");
                    return null;
                }
                if (written) {
                    return write.id();
                }
            }
            catch (SessionStoreException ex) {
                if (!isTransientConflict(ex) || attempt >= this.maxAttempts) {
                    throw ex;
                }
                logger.debug("Session write met a deadlock or serialization failure; trying again", ex);
            }
            if (attempt >= this.maxAttempts) {
                throw new SessionStoreException("Session kept changing under " + attempt
                        + " concurrent writes; gave up (app.session.datastore.max-attempts)");
            }
        }
    }

    @Override
    public void delete(StoredSession session) {
        String idHash = SessionIds.hash(session.id());
        this.rows.run(false, (connection) -> {
            this.rows.delete(connection, idHash);
            return null;
        });
    }

    /**
     * Both writes in one transaction, and only if the session is still the version loaded: the row
     * under the previous id becomes the forwarding entry (its version goes up, so a late writer that
     * loaded the old version cannot overwrite it) and the session is inserted under the new id.
     */
    @Override
    public @Nullable String rotate(SessionWrite move, SessionWrite forward) {
        StoredSession previous = move.previous();
        if (previous == null || !move.isRotation()) {
            return save(move);
        }
        String json = this.codec.write(move.data());
        String forwardJson = this.codec.write(forward.data());
        boolean moved = this.rows.run(true, (connection) -> {
            if (!this.rows.forward(connection, SessionIds.hash(previous.id()), forwardJson, forward,
                    previous.version())) {
                return false;
            }
            this.rows.insert(connection, SessionIds.hash(move.id()), json, move, previous.version() + 1);
            return true;
        });
        return moved ? move.id() : null;
    }

    @Override
    public long count(Instant now) {
        return call(false, (em) -> timed(em.createQuery(COUNT, Long.class)).setParameter("now", now.toEpochMilli())
            .getSingleResult());
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        long nowMillis = now.toEpochMilli();
        return call(true, (em) -> {
            List<String> ids = timed(em.createQuery(SELECT_EXPIRED, String.class)).setParameter("now", nowMillis)
                .setMaxResults(limit)
                .getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            // Sorted, so nodes purging at once lock rows in the same order and cannot deadlock.
            List<String> sorted = ids.stream().sorted().toList();
            return timed(em.createQuery(DELETE_EXPIRED)).setParameter("ids", sorted)
                .setParameter("now", nowMillis)
                .executeUpdate();
        });
    }

    /**
     * After a conflict: re-reads the row under a row lock and re-applies this request's own changes in
     * the same transaction. Nobody can write the row in between, so however many requests of the session
     * race, this attempt cannot meet another conflict; holding one row lock, it cannot deadlock with them.
     * {@code null} when the session was deleted meanwhile.
     */
    private @Nullable Boolean replay(Connection connection, SessionWrite write, String idHash) throws SQLException {
        SessionRows.Row fresh = this.rows.select(connection, idHash, true);
        if (fresh == null) {
            return null;
        }
        ObjectNode data = write.changes().applyTo(this.codec.parse(fresh.data()), this.codec);
        return writeRow(connection, write, idHash, data, fresh.version());
    }

    private boolean writeRow(Connection connection, SessionWrite write, String idHash, ObjectNode data,
            long version) throws SQLException {
        String json = this.codec.write(data);
        if (!write.isRotation()) {
            return this.rows.update(connection, idHash, json, write, version);
        }
        if (!this.rows.delete(connection, idHash, version)) {
            return false;
        }
        this.rows.insert(connection, SessionIds.hash(write.id()), json, write, version + 1);
        return true;
    }

    private @Nullable StoredSession toSession(String id, SessionRows.Row row) {
        ObjectNode data;
        try {
            data = this.codec.parse(row.data());
        }
        catch (RuntimeException ex) {
            logger.warn("Stored session data is not a JSON object; the session is treated as absent", ex);
            return null;
        }
        Long timeout = row.timeoutSeconds();
        return new StoredSession(id, data, Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.lastAccessedAt()), Instant.ofEpochMilli(row.expiresAt()),
                (timeout != null) ? Duration.ofSeconds(timeout) : null, row.version(), false);
    }

    /** The persistence unit's own source of JDBC connections, so the session statements reach its database. */
    private static ConnectionProvider connections(EntityManagerFactory entityManagerFactory) {
        ConnectionProvider provider = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
            .getServiceRegistry()
            .getService(ConnectionProvider.class);
        if (provider == null) {
            throw new IllegalStateException("The datastore session store needs a persistence unit with one"
                    + " DataSource, but this one has no Hibernate ConnectionProvider (multi-tenant?); define your"
                    + " own SessionStore bean or set app.session.store to another store");
        }
        return provider;
    }

    private <Q extends Query> Q timed(Q query) {
        if (this.timeoutSeconds > 0) {
            query.setHint(TIMEOUT_HINT, this.timeoutSeconds * 1000);
        }
        return query;
    }

    /** A deadlock or serialization failure (SQLState class 40): the database undid the transaction, which may be tried again. */
    private static boolean isTransientConflict(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private <T extends @Nullable Object> T call(boolean transactional, Function<EntityManager, T> work) {
        EntityManager em;
        try {
            em = this.entityManagerFactory.createEntityManager();
        }
        catch (RuntimeException ex) {
            throw new SessionStoreException("Session store unavailable: " + ex.getMessage(), ex);
        }
        EntityTransaction transaction = transactional ? em.getTransaction() : null;
        try {
            if (transaction != null) {
                if (this.timeoutSeconds > 0) {
                    // Hibernate applies what remains of it to every statement, including the INSERT a persist
                    // flushes at commit, which no query hint reaches.
                    transaction.setTimeout(this.timeoutSeconds);
                }
                transaction.begin();
            }
            T result = work.apply(em);
            if (transaction != null) {
                transaction.commit();
            }
            return result;
        }
        catch (SessionStoreException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw new SessionStoreException("Session store unavailable: " + ex.getMessage(), ex);
        }
        finally {
            if (transaction != null && transaction.isActive()) {
                try {
                    transaction.rollback();
                }
                catch (RuntimeException ex) {
                    logger.debug("Rollback of a failed session transaction failed", ex);
                }
            }
            try {
                em.close();
            }
            catch (RuntimeException ex) {
                // A connection broken under us cannot be released; thrown from here it would replace the
                // SessionStoreException (a 503) on its way out, or fail work that was already committed.
                logger.debug("Closing the session EntityManager failed", ex);
            }
        }
    }
}
