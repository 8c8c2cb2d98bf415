package dev.sessionmap.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import dev.sessionmap.core.ServerSessionStore;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Redis store: one hash per session (see {@link SessionHash}), expired by Redis. A read is one
 * {@code HGETALL}; a change is one Lua script that writes only the changed fields, atomically, after
 * checking that the keys the request recomputed ({@code merge}, {@code compute}) still hold what it
 * read. When they don't, the script returns their fresh values and the request's functions run again
 * on them, so concurrent increments are not lost and concurrent writes to other keys are kept.
 * Within one application instance such recomputing writes of one session take turns
 * ({@link WriterTurns}, which says what that saves).
 *
 * <p>Works with any Spring Data Redis connection factory, standalone or cluster: every script touches
 * exactly one key.
 */
public class RedisSessionStore implements ServerSessionStore {

    /** How many times a change is tried while concurrent requests keep changing the keys it recomputes. */
    static final int MAX_ATTEMPTS = 64;

    private static final Logger logger = LoggerFactory.getLogger(RedisSessionStore.class);

    private static final RedisScript<List<Object>> SAVE = script("save.lua");

    private static final RedisScript<List<Object>> TOUCH = script("touch.lua");

    private static final RedisScript<List<Object>> REPLACE = script("replace.lua");

    private static final RedisScript<List<Object>> REMOVE_IF_UNCHANGED = script("remove-if-unchanged.lua");

    private static final RedisScript<List<Object>> FORWARD = script("forward.lua");

    private final StringRedisTemplate redis;

    private final SessionCodec codec;

    private final SessionKeys keys;

    private final WriterTurns turns = new WriterTurns(Duration.ofSeconds(1));

    private final SessionCount count;

    /**
     * @param namespace the prefix of every key; must not contain the hash-tag braces
     */
    public RedisSessionStore(RedisConnectionFactory connectionFactory, SessionCodec codec, String namespace) {
        this.redis = new StringRedisTemplate(Objects.requireNonNull(connectionFactory, "connectionFactory"));
        this.codec = Objects.requireNonNull(codec, "codec");
        this.keys = new SessionKeys(namespace);
        this.count = new SessionCount(this.redis, this.keys);
    }

    @Override
    public @Nullable StoredSession load(String token) {
        if (!SessionIds.isWellFormed(token)) {
            return null;
        }
        Map<Object, Object> entries = call(() -> this.redis.opsForHash().entries(this.keys.of(token)));
        Map<String, String> fields = new HashMap<>();
        entries.forEach((field, value) -> fields.put((String) field, (String) value));
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
            List<String> reply = run(TOUCH, key, List.of(SessionHash.millis(write.lastAccessedAt()),
                    SessionHash.millis(write.expiresAt()), SessionHash.ttl(write)));
            return "ok".equals(reply.get(0)) ? write.id() : null;
        }
        return update(key, write, previous);
    }

    @Override
    public void delete(StoredSession session) {
        call(() -> this.redis.delete(this.keys.of(session.id())));
    }

    /**
     * Periodic rotation, in two scripts since the two ids' keys may live on different cluster slots,
     * ordered so that both ids lead to the session at every moment: first the session is written under
     * its new key, which no one knows yet; then one atomic script replaces the previous key by the
     * forwarding entry (its TTL the grace period), only if the session there is still the version
     * {@code move} was based on. Otherwise the new key is deleted again and the caller reloads. Parallel
     * rotations of one session each write a new key, but only one replaces the previous key; the others
     * delete theirs and follow that one's forwarding entry. Should Redis fail between the two scripts,
     * the new key, which no cookie names, is left to its TTL: whether the second script ran is unknown,
     * and deleting a key the forwarding entry leads to would lose the session.
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
        List<String> reply = run(FORWARD, this.keys.of(previous.id()), args);
        if ("ok".equals(reply.get(0))) {
            return move.id();
        }
        logger.debug("Session changed or was deleted before its id rotation; the rotation is undone");
        return discard(move.id());
    }

    @Override
    public long count(Instant now) {
        return call(() -> this.count.at(now));
    }

    private @Nullable String update(String key, SessionWrite write, StoredSession previous) {
        SessionChanges changes = write.changes();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        if (changes.isCleared()) {
            write.data().properties().forEach((entry) -> values.put(SessionHash.field(entry.getKey()), json(entry.getValue())));
        }
        else {
            changes.byKey().forEach((name, change) -> {
                values.put(SessionHash.field(name), json(write.data().get(name)));
                if (change instanceof SessionChanges.Replay) {
                    expected.put(SessionHash.field(name), json(previous.data().get(name)));
                }
            });
        }
        if (expected.isEmpty()) {
            // Nothing to recompute: the script cannot report a conflict.
            return write(key, write, changes, expected, values);
        }
        return this.turns.inTurn(key, () -> write(key, write, changes, expected, values));
    }

    private @Nullable String write(String key, SessionWrite write, SessionChanges changes, Map<String, String> expected,
            Map<String, String> values) {
        for (int attempt = 1;; attempt++) {
            List<String> args = new ArrayList<>();
            args.add(SessionHash.millis(write.lastAccessedAt()));
            args.add(SessionHash.millis(write.expiresAt()));
            args.add(SessionHash.ttl(write));
            args.add(SessionHash.timeout(write));
            args.add(changes.isCleared() ? "1" : "0");
            args.add(Integer.toString(expected.size()));
            expected.forEach((field, json) -> {
                args.add(field);
                args.add(json);
            });
            values.forEach((field, json) -> {
                args.add(field);
                args.add(json);
            });
            List<String> reply = run(SAVE, key, args);
            if (isGone(reply)) {
                logger.debug("Session was deleted by a concurrent request; its changes are dropped");
                return null;
            }
            if (!isStale(reply)) {
                return write.id();
            }
            giveUpAfter(attempt);
            Map<String, String> fresh = new HashMap<>();
            for (int i = 1; i < reply.size(); i += 2) {
                fresh.put(reply.get(i), reply.get(i + 1));
            }
            recompute(changes, fresh, expected, values);
        }
    }

    /**
     * Runs the request's functions again on the {@code fresh} JSON of the fields another request
     * changed ({@code ""} when absent), and expects that JSON from now on.
     */
    private void recompute(SessionChanges changes, Map<String, String> fresh, Map<String, String> expected,
            Map<String, String> values) {
        fresh.forEach((field, json) -> {
            String name = SessionHash.key(field);
            ObjectNode scratch = this.codec.newData();
            if (!json.isEmpty()) {
                scratch.set(name, SessionHash.parse(this.codec, json));
            }
            changes.byKey().get(name).applyTo(name, scratch, this.codec);
            values.put(field, json(scratch.get(name)));
            expected.put(field, json);
        });
    }

    /**
     * Rotation writes the session under its new key, then deletes the old one unless a concurrent
     * request changed it meanwhile (then the changes are applied to the fresh copy and both steps run
     * again). Two keys of different sessions may live on different cluster slots, so this is two
     * scripts; the new key is unknown to anyone until the response carries it.
     */
    private @Nullable String move(SessionWrite write, StoredSession previous) {
        String oldKey = this.keys.of(previous.id());
        ObjectNode data = write.data();
        long version = previous.version();
        for (int attempt = 1;; attempt++) {
            replace(write.id(), write, data, version + 1);
            List<String> reply = run(REMOVE_IF_UNCHANGED, oldKey, List.of(Long.toString(version)));
            if (!isStale(reply)) {
                return isGone(reply) ? discard(write.id()) : write.id();
            }
            giveUpAfter(attempt);
            Map<String, String> fields = new HashMap<>();
            for (int i = 1; i < reply.size(); i += 2) {
                fields.put(reply.get(i), reply.get(i + 1));
            }
            StoredSession fresh = SessionHash.read(this.codec, previous.id(), fields);
            if (fresh == null) {
                return discard(write.id());
            }
            data = write.changes().applyTo(fresh.data(), this.codec);
            version = fresh.version();
        }
    }

    /** Deletes the new key of a rotation whose session was invalidated meanwhile; returns {@code null}. */
    private @Nullable String discard(String id) {
        call(() -> this.redis.delete(this.keys.of(id)));
        return null;
    }

    private void replace(String id, SessionWrite write, ObjectNode data, long version) {
        List<String> args = new ArrayList<>();
        args.add(SessionHash.ttl(write));
        args.addAll(SessionHash.all(this.codec, write, data, version));
        run(REPLACE, this.keys.of(id), args);
    }

    private String json(@Nullable JsonNode value) {
        return (value != null) ? SessionHash.json(this.codec, value) : "";
    }

    private static void giveUpAfter(int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new SessionStoreException(
                    "Session kept changing under " + attempt + " concurrent writes to the same keys; gave up");
        }
    }

    private static boolean isGone(List<String> reply) {
        return "gone".equals(reply.get(0));
    }

    private static boolean isStale(List<String> reply) {
        return "stale".equals(reply.get(0));
    }

    private List<String> run(RedisScript<List<Object>> script, String key, List<String> args) {
        List<Object> reply = call(() -> this.redis.execute(script, List.of(key), args.toArray()));
        if (reply == null || reply.isEmpty()) {
            throw new SessionStoreException("Redis returned no reply to a session script");
        }
        return reply.stream().map(String::valueOf).toList();
    }

    private <T> T call(Supplier<T> work) {
        try {
            return work.get();
        }
        catch (RuntimeException ex) {
            throw new SessionStoreException("Redis request failed: " + ex.getMessage(), ex);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static RedisScript<List<Object>> script(String name) {
        DefaultRedisScript script = new DefaultRedisScript<>();
        script.setLocation(new ClassPathResource(name, RedisSessionStore.class));
        script.setResultType(List.class);
        return script;
    }
}
