package dev.sessionmap.store.jpa;

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
import org.hibernate.query.NativeQuery;
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
 * <p>Each call uses its own {@link EntityManager} and transaction, so session writes neither join
 * nor disturb the application's transactions or an open-in-view persistence context.
 */
public class JpaSessionStore implements PurgeableSessionStore, ServerSessionStore {

    // The statements every request may run are plain SQL, the same on H2, PostgreSQL and MySQL/MariaDB:
    // Hibernate re-translates a JPQL UPDATE on every execution, which cost more CPU than the database did.

    static final String SELECT = "SELECT id_hash, data, created_at, last_accessed_at, expires_at, timeout_seconds,"
            + " version FROM sessionmap_session WHERE id_hash = :idHash";

    static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";

    static final String UPDATE = "UPDATE sessionmap_session SET data = :data, last_accessed_at = :lastAccessedAt,"
            + " expires_at = :expiresAt, timeout_seconds = :timeoutSeconds, version = version + 1"
            + " WHERE id_hash = :idHash AND version = :version";

    static final String TOUCH = "UPDATE sessionmap_session SET last_accessed_at = :lastAccessedAt,"
            + " expires_at = :expiresAt WHERE id_hash = :idHash AND last_accessed_at < :lastAccessedAt";

    static final String DELETE = "DELETE FROM SessionMapSession s WHERE s.idHash = :idHash";

    static final String DELETE_VERSION = DELETE + " AND s.version = :version";

    static final String SELECT_EXPIRED = "SELECT s.idHash FROM SessionMapSession s WHERE s.expiresAt < :now"
            + " ORDER BY s.expiresAt";

    static final String DELETE_EXPIRED = "DELETE FROM SessionMapSession s WHERE s.idHash IN :ids AND s.expiresAt < :now";

    static final String COUNT = "SELECT COUNT(s) FROM SessionMapSession s WHERE s.expiresAt > :now";

    /** Turns a session's row into the forwarding entry of periodic rotation, if it is still the version loaded. */
    static final String FORWARD = "UPDATE SessionMapSession s SET s.data = :data, s.lastAccessedAt = :lastAccessedAt,"
            + " s.expiresAt = :expiresAt, s.timeoutSeconds = NULL, s.version = s.version + 1"
            + " WHERE s.idHash = :idHash AND s.version = :version";

    private static final String TIMEOUT_HINT = "jakarta.persistence.query.timeout";

    private static final Logger logger = LoggerFactory.getLogger(JpaSessionStore.class);

    private final EntityManagerFactory entityManagerFactory;

    private final SessionCodec codec;

    private final int timeoutSeconds;

    private final int maxAttempts;

    /**
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
        SessionEntity row = call(false, (em) -> find(em, SessionIds.hash(token)));
        return (row != null) ? toSession(token, row) : null;
    }

    @Override
    public @Nullable String save(SessionWrite write) {
        StoredSession previous = write.previous();
        if (previous == null) {
            call(true, (em) -> {
                em.persist(toRow(write.id(), this.codec.write(write.data()), write, 0));
                return null;
            });
            return write.id();
        }
        String previousHash = SessionIds.hash(previous.id());
        if (!write.dataChanged()) {
            call(true, (em) -> sql(em, TOUCH).setParameter("idHash", previousHash)
                .setParameter("lastAccessedAt", write.lastAccessedAt().toEpochMilli())
                .setParameter("expiresAt", write.expiresAt().toEpochMilli())
                .executeUpdate());
            return write.id();
        }
        for (int attempt = 1;; attempt++) {
            boolean locked = attempt > 1;
            try {
                Boolean written = call(true, (em) -> locked ? replay(em, write, previousHash)
                        : Boolean.valueOf(writeRow(em, write, previousHash, write.data(), previous.version())));
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
        call(true, (em) -> timed(em.createQuery(DELETE)).setParameter("idHash", idHash).executeUpdate());
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
        boolean moved = call(true, (em) -> {
            int updated = timed(em.createQuery(FORWARD)).setParameter("data", forwardJson)
                .setParameter("lastAccessedAt", forward.lastAccessedAt().toEpochMilli())
                .setParameter("expiresAt", forward.expiresAt().toEpochMilli())
                .setParameter("idHash", SessionIds.hash(previous.id()))
                .setParameter("version", previous.version())
                .executeUpdate();
            if (updated != 1) {
                return false;
            }
            em.persist(toRow(move.id(), json, move, previous.version() + 1));
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
    private @Nullable Boolean replay(EntityManager em, SessionWrite write, String idHash) {
        List<SessionEntity> rows = select(em, SELECT_FOR_UPDATE, idHash);
        if (rows.isEmpty()) {
            return null;
        }
        SessionEntity fresh = rows.get(0);
        ObjectNode data = write.changes().applyTo(parse(fresh.getData()), this.codec);
        return writeRow(em, write, idHash, data, fresh.getVersion());
    }

    private boolean writeRow(EntityManager em, SessionWrite write, String idHash, ObjectNode data, long version) {
        String json = this.codec.write(data);
        return write.isRotation() ? moveRow(em, write, idHash, json, version)
                : updateRow(em, write, idHash, json, version);
    }

    private boolean updateRow(EntityManager em, SessionWrite write, String idHash, String json, long version) {
        return sql(em, UPDATE).setParameter("data", json)
            .setParameter("lastAccessedAt", write.lastAccessedAt().toEpochMilli())
            .setParameter("expiresAt", write.expiresAt().toEpochMilli())
            .setParameter("timeoutSeconds", timeoutSeconds(write))
            .setParameter("idHash", idHash)
            .setParameter("version", version)
            .executeUpdate() == 1;
    }

    private boolean moveRow(EntityManager em, SessionWrite write, String previousHash, String json, long version) {
        int deleted = timed(em.createQuery(DELETE_VERSION)).setParameter("idHash", previousHash)
            .setParameter("version", version)
            .executeUpdate();
        if (deleted != 1) {
            return false;
        }
        em.persist(toRow(write.id(), json, write, version + 1));
        return true;
    }

    private @Nullable SessionEntity find(EntityManager em, String idHash) {
        List<SessionEntity> rows = select(em, SELECT, idHash);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private @Nullable StoredSession toSession(String id, SessionEntity row) {
        ObjectNode data;
        try {
            data = parse(row.getData());
        }
        catch (RuntimeException ex) {
            logger.warn("Stored session data is not a JSON object; the session is treated as absent", ex);
            return null;
        }
        Long timeout = row.getTimeoutSeconds();
        return new StoredSession(id, data, Instant.ofEpochMilli(row.getCreatedAt()),
                Instant.ofEpochMilli(row.getLastAccessedAt()), Instant.ofEpochMilli(row.getExpiresAt()),
                (timeout != null) ? Duration.ofSeconds(timeout) : null, row.getVersion(), false);
    }

    private ObjectNode parse(String json) {
        return this.codec.parse(json);
    }

    private SessionEntity toRow(String id, String json, SessionWrite write, long version) {
        return new SessionEntity(SessionIds.hash(id), json, write.createdAt().toEpochMilli(),
                write.lastAccessedAt().toEpochMilli(), write.expiresAt().toEpochMilli(), timeoutSeconds(write),
                version);
    }

    private static @Nullable Long timeoutSeconds(SessionWrite write) {
        Duration timeout = write.timeout();
        return (timeout != null) ? timeout.toSeconds() : null;
    }

    @SuppressWarnings("unchecked")
    private List<SessionEntity> select(EntityManager em, String sql, String idHash) {
        return timed(em.createNativeQuery(sql, SessionEntity.class)).setParameter("idHash", idHash).getResultList();
    }

    /** A native statement on the session table; naming the entity keeps Hibernate from evicting unrelated caches. */
    private Query sql(EntityManager em, String sql) {
        Query query = timed(em.createNativeQuery(sql));
        query.unwrap(NativeQuery.class).addSynchronizedEntityClass(SessionEntity.class);
        return query;
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
