package dev.sessionmap.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.ServerSessionStore;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.redis.SessionCommands.Outcome;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Redis store: one hash per session (see {@link SessionHash}), expired by Redis. A
 * read is one {@code HGETALL}; a change is one Lua script that writes only the changed
 * fields, atomically, after checking that the keys the request recomputed ({@code merge},
 * {@code compute}) still hold what it read, and re-applying the request's functions on
 * fresh values when they don't ({@link SessionUpdate}). The store's own lifecycle steps
 * live here: creating, touching, rotating and deleting a session.
 *
 * <p>
 * Works with any Spring Data Redis connection factory, standalone or cluster: every
 * script touches exactly one key.
 */
public class RedisSessionStore implements ServerSessionStore {

    private static final Logger logger = LoggerFactory.getLogger(RedisSessionStore.class);

    private final SessionCommands commands;

    private final SessionCodec codec;

    private final SessionKeys keys;

    private final SessionUpdate update;

    private final SessionCount count;

    /**
     * @param namespace the prefix of every key; must not contain the hash-tag braces
     */
    public RedisSessionStore(RedisConnectionFactory connectionFactory, SessionCodec codec, String namespace) {
        StringRedisTemplate redis = new StringRedisTemplate(
                Objects.requireNonNull(connectionFactory, "connectionFactory"));
        this.commands = new SessionCommands(redis);
        this.codec = Objects.requireNonNull(codec, "codec");
        this.keys = new SessionKeys(namespace);
        this.update = new SessionUpdate(this.commands, this.codec);
        this.count = new SessionCount(redis, this.keys);
    }

    @Override
    public @Nullable StoredSession load(String token) {
        if (!SessionIds.isWellFormed(token)) {
            return null;
        }
        Map<String, String> fields = this.commands.fields(this.keys.of(token));
        try {
            return SessionHash.read(this.codec, token, fields);
        }
        catch (RuntimeException ex) {
            logger.warn("Stored session is malformed; the session is treated as absent", ex);
            return null;
        }
    }

    @Override
    public @Nullable String save(SessionWrite write) {
        StoredSession previous = write.previous();
        if (previous == null) {
            replace(write.id(), write, write.data(), 0);
            return write.id();
        }
        if (write.isRotation()) {
            return move(write, previous);
        }
        String key = this.keys.of(previous.id());
        if (!write.dataChanged()) {
            SessionCommands.Reply reply = this.commands.run(SessionCommands.TOUCH, key,
                    List.of(SessionHash.millis(write.lastAccessedAt()), SessionHash.millis(write.expiresAt()),
                            SessionHash.ttl(write)));
            return (reply.outcome() == Outcome.OK) ? write.id() : null;
        }
        return this.update.save(key, write, previous);
    }

    @Override
    public void delete(StoredSession session) {
        this.commands.delete(this.keys.of(session.id()));
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
        StoredSession previous = move.previous();
        if (previous == null || !move.isRotation() || !forward.id().equals(previous.id())) {
            return save(move);
        }
        long version = previous.version() + 1;
        replace(move.id(), move, move.data(), version);
        List<String> args = new ArrayList<>();
        args.add(Long.toString(previous.version()));
        args.add(Long.toString(Math.max(1, Duration.between(move.lastAccessedAt(), forward.expiresAt()).toMillis())));
        args.addAll(SessionHash.all(this.codec, forward, forward.data(), version));
        if (this.commands.run(SessionCommands.FORWARD, this.keys.of(previous.id()), args).outcome() == Outcome.OK) {
            return move.id();
        }
        logger.debug("Session changed or was deleted before its id rotation; the rotation is undone");
        return discard(move.id());
    }

    @Override
    public long count(Instant now) {
        return SessionCommands.call(() -> this.count.at(now));
    }

    /**
     * Rotation writes the session under its new key, then deletes the old one unless a
     * concurrent request changed it meanwhile (then the changes are applied to the fresh
     * copy and both steps run again). Two keys of different sessions may live on
     * different cluster slots, so this is two scripts; the new key is unknown to anyone
     * until the response carries it.
     */
    private @Nullable String move(SessionWrite write, StoredSession previous) {
        String oldKey = this.keys.of(previous.id());
        ObjectNode data = write.data();
        long version = previous.version();
        for (int attempt = 1;; attempt++) {
            replace(write.id(), write, data, version + 1);
            SessionCommands.Reply reply = this.commands.run(SessionCommands.REMOVE_IF_UNCHANGED, oldKey,
                    List.of(Long.toString(version)));
            if (reply.outcome() != Outcome.STALE) {
                return (reply.outcome() == Outcome.GONE) ? discard(write.id()) : write.id();
            }
            SessionUpdate.giveUpAfter(attempt);
            StoredSession fresh = SessionHash.read(this.codec, previous.id(), reply.fields());
            if (fresh == null) {
                return discard(write.id());
            }
            data = write.replayOnto(fresh.data(), this.codec);
            if (data == null) {
                return discard(write.id());
            }
            version = fresh.version();
        }
    }

    /**
     * Deletes the new key of a rotation whose session was invalidated meanwhile; returns
     * {@code null}.
     */
    private @Nullable String discard(String id) {
        this.commands.delete(this.keys.of(id));
        return null;
    }

    private void replace(String id, SessionWrite write, ObjectNode data, long version) {
        List<String> args = new ArrayList<>();
        args.add(SessionHash.ttl(write));
        args.addAll(SessionHash.all(this.codec, write, data, version));
        this.commands.run(SessionCommands.REPLACE, this.keys.of(id), args);
    }

}
