package dev.sessionmap.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.IndexedSession;
import dev.sessionmap.core.PrincipalSessionStore;
import dev.sessionmap.core.PurgeBatch;
import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.PurgedSession;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.AtRestSealer;
import dev.sessionmap.store.redis.SessionCommands.Outcome;
import tools.jackson.databind.JsonNode;

/**
 * The Redis store: one hash per session (see {@link SessionHash}), expired by Redis. A
 * read is one {@code HGETALL}; a change is one Lua script that writes only the changed
 * fields, atomically, after checking that the keys the request recomputed ({@code merge},
 * {@code compute}) still hold what it read, and re-applying the request's functions on
 * fresh values when they don't ({@link SessionUpdate}). The store's own lifecycle steps
 * live here: creating, touching, rotating and deleting a session.
 *
 * <p>
 * Sessions with a principal are also indexed by it ({@link PrincipalIndex}): one more
 * script per write of such a session, none for anonymous ones. The index expires with the
 * sessions it names; {@link #purgeExpired} only reports the expired ones, once each, for
 * {@code SessionExpiredEvent}s.
 *
 * <p>
 * Works with any Spring Data Redis connection factory, standalone or cluster: every
 * script touches the keys of one slot (a session's key, or the index keys, which share
 * the namespace as their hash tag).
 */
public class RedisSessionStore implements PrincipalSessionStore, PurgeableSessionStore {

    private static final Logger logger = LoggerFactory.getLogger(RedisSessionStore.class);

    private static final Pattern ID_HASH = Pattern.compile("[0-9a-f]{64}");

    private final SessionCommands commands;

    private final SessionCodec codec;

    private final HashValues values;

    private final SessionKeys keys;

    private final SessionUpdate update;

    private final SessionCount count;

    private final PrincipalIndex index;

    private final SessionMoves moves;

    private ReplicaWait replicaWait = ReplicaWait.NONE;

    /**
     * @param namespace the prefix of every key; must not contain the hash-tag braces
     */
    public RedisSessionStore(RedisConnectionFactory connectionFactory, SessionCodec codec, String namespace) {
        this(connectionFactory, codec, namespace, AtRestSealer.plain());
    }

    /**
     * A store whose session values pass through {@code sealer}: encrypted at rest, or
     * plain with sealed values still read (see {@link AtRestSealer}).
     * @param namespace the prefix of every key; must not contain the hash-tag braces
     */
    public RedisSessionStore(RedisConnectionFactory connectionFactory, SessionCodec codec, String namespace,
            AtRestSealer sealer) {
        StringRedisTemplate redis = new StringRedisTemplate(
                Objects.requireNonNull(connectionFactory, "connectionFactory"));
        this.commands = new SessionCommands(redis);
        this.codec = Objects.requireNonNull(codec, "codec");
        this.keys = new SessionKeys(namespace);
        this.values = new HashValues(this.codec, Objects.requireNonNull(sealer, "sealer"));
        this.update = new SessionUpdate(this.commands, this.values);
        this.count = new SessionCount(redis, this.keys);
        this.index = new PrincipalIndex(this.commands, this.keys, this.values);
        this.moves = new SessionMoves(this.commands, this.keys, this.values, this.codec);
    }

    /**
     * Makes every write (save, rotation, deletion) return only once {@code replicas}
     * replicas acknowledged it, waiting at most {@code timeout} (Redis {@code WAIT}), and
     * fail with a {@code SessionStoreException} when fewer did; 0 (the default) for none.
     * Reads never wait.
     */
    public void setWaitForReplicas(int replicas, Duration timeout) {
        this.replicaWait = ReplicaWait.of(this.commands.redis().getRequiredConnectionFactory(), replicas, timeout);
    }

    @Override
    public @Nullable StoredSession load(String token) {
        if (!SessionIds.isWellFormed(token)) {
            return null;
        }
        Map<String, String> fields = this.commands.fields(this.keys.of(token));
        try {
            return SessionHash.read(this.values, token, SessionIds.hash(token), fields);
        }
        catch (RuntimeException ex) {
            logger.warn("Stored session is malformed; the session is treated as absent", ex);
            return null;
        }
    }

    @Override
    public @Nullable String save(SessionWrite write) {
        return this.replicaWait.afterWrites(() -> doSave(write));
    }

    private @Nullable String doSave(SessionWrite write) {
        StoredSession previous = write.previous();
        index(write);
        if (previous == null) {
            this.moves.replace(write.id(), write, write.data(), 0);
            return write.id();
        }
        if (write.isRotation()) {
            return written(write, this.moves.move(write, previous));
        }
        String key = this.keys.of(previous.id());
        if (!write.dataChanged()) {
            SessionCommands.Reply reply = this.commands.run(SessionCommands.TOUCH, key,
                    List.of(SessionHash.millis(write.lastAccessedAt()), SessionHash.millis(write.expiresAt()),
                            SessionHash.ttl(write)));
            if (reply.outcome() == Outcome.OK) {
                if (previous.resave()) {
                    this.update.reseal(key, SessionIds.hash(previous.id()), previous.data(), previous.version());
                }
                return write.id();
            }
            // Gone, or moved to a new id: the entry just added must not stay behind.
            return (reply.outcome() == Outcome.GONE || reply.fields().containsKey("moved")) ? written(write, null)
                    : null;
        }
        return written(write, this.update.save(key, write, previous));
    }

    @Override
    public void delete(StoredSession session) {
        this.replicaWait.afterWrites(
                () -> deleteByIdHash(SessionIds.hash(session.id()), SessionRecords.principalOf(session.data())));
    }

    @Override
    public boolean deleteByIdHash(String idHash) {
        return this.replicaWait.afterWrites(() -> deleteByIdHash(idHash, null));
    }

    @Override
    public List<IndexedSession> findByPrincipal(String principal, Instant now) {
        return this.index.find(Objects.requireNonNull(principal, "principal"), now);
    }

    /**
     * Redis deletes expired sessions itself; this takes expired sessions of known
     * principals out of the index and reports them, each to one caller however many nodes
     * purge. Anonymous sessions are not indexed, so never reported.
     */
    @Override
    public PurgeBatch purgeExpired(Instant now, int limit) {
        PrincipalIndex.Purged purged = this.index.purge(now, limit);
        return new PurgeBatch(purged.taken(), purged.expired());
    }

    /**
     * Periodic rotation, in two scripts since the two ids' keys may live on different
     * cluster slots, ordered so that both ids lead to the session at every moment: first
     * the session is written under its new key, which no one knows yet; then one atomic
     * script replaces the previous key by the forwarding entry (its TTL the grace
     * period), only if the session there is still the version {@code move} was based on.
     * Otherwise the new key is deleted again and the caller reloads. Parallel rotations
     * of one session each write a new key, but only one replaces the previous key; the
     * others delete theirs and follow that one's forwarding entry. Should Redis fail
     * between the two scripts, the new key, which no cookie names, is left to its TTL:
     * whether the second script ran is unknown, and deleting a key the forwarding entry
     * leads to would lose the session.
     */
    @Override
    public @Nullable String rotate(SessionWrite move, SessionWrite forward) {
        return this.replicaWait.afterWrites(() -> doRotate(move, forward));
    }

    private @Nullable String doRotate(SessionWrite move, SessionWrite forward) {
        StoredSession previous = move.previous();
        if (previous == null || !move.isRotation() || !forward.id().equals(previous.id())) {
            return doSave(move);
        }
        long version = previous.version() + 1;
        index(move);
        this.moves.replace(move.id(), move, move.data(), version);
        List<String> args = new ArrayList<>();
        args.add(Long.toString(previous.version()));
        args.add(Long.toString(Math.max(1, Duration.between(move.lastAccessedAt(), forward.expiresAt()).toMillis())));
        args.addAll(SessionHash.all(this.values, SessionIds.hash(previous.id()), forward, forward.data(), version));
        if (this.commands.run(SessionCommands.FORWARD, this.keys.of(previous.id()), args).outcome() == Outcome.OK) {
            return written(move, move.id());
        }
        logger.debug("Session changed or was deleted before its id rotation; the rotation is undone");
        return written(move, this.moves.discard(move.id()));
    }

    @Override
    public long count(Instant now) {
        return SessionCommands.call(() -> this.count.at(now));
    }

    /**
     * Indexes the session {@code write} names under its principal, before it is written:
     * an entry too many is harmless, one too few would hide a live session.
     */
    private void index(SessionWrite write) {
        this.index.add(write.principal(), SessionIds.hash(write.id()), write.expiresAt(), write.lastAccessedAt());
    }

    /**
     * After {@code write} returned {@code result}: the session leaves the index under the
     * id or principal it no longer has, and under its new id if it was not written.
     */
    private @Nullable String written(SessionWrite write, @Nullable String result) {
        StoredSession previous = Objects.requireNonNull(write.previous());
        String before = SessionRecords.principalOf(previous.data());
        if (result == null) {
            this.index.remove(write.principal(), SessionIds.hash(write.id()));
        }
        if (before != null && (result != null && !before.equals(write.principal()) || write.isRotation())) {
            this.index.remove(before, SessionIds.hash(previous.id()));
        }
        return result;
    }

    private boolean deleteByIdHash(String idHash, @Nullable String loaded) {
        if (!ID_HASH.matcher(idHash).matches()) {
            return false;
        }
        List<Object> reply = this.commands.raw(SessionCommands.DELETE, List.of(this.keys.ofHash(idHash)), List.of());
        String raw = (reply.size() > 1) ? String.valueOf(reply.get(1)) : "";
        JsonNode principal = raw.isEmpty() ? null
                : this.values.read(idHash, SessionHash.field(SessionRecords.PRINCIPAL), raw);
        String stored = (principal != null) ? principal.asString() : null;
        this.index.remove(stored, idHash);
        if (loaded != null && !loaded.equals(stored)) {
            this.index.remove(loaded, idHash);
        }
        return "ok".equals(reply.get(0));
    }

}
