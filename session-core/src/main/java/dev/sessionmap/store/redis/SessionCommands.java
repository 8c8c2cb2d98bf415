package dev.sessionmap.store.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import dev.sessionmap.core.SessionStoreException;

/**
 * The commands the Redis store sends: its Lua scripts (under this package's resources,
 * each documenting its arguments and reply), {@code HGETALL} and {@code DEL}. Every
 * failure to reach Redis becomes a {@link SessionStoreException}.
 */
final class SessionCommands {

    static final RedisScript<List<Object>> SAVE = script("save.lua");

    static final RedisScript<List<Object>> TOUCH = script("touch.lua");

    static final RedisScript<List<Object>> REPLACE = script("replace.lua");

    static final RedisScript<List<Object>> REMOVE_IF_UNCHANGED = script("remove-if-unchanged.lua");

    static final RedisScript<List<Object>> FORWARD = script("forward.lua");

    static final RedisScript<List<Object>> DELETE = script("delete.lua");

    static final RedisScript<List<Object>> RESEAL = script("reseal.lua");

    static final RedisScript<List<Object>> INDEX_ADD = script("index-add.lua");

    static final RedisScript<List<Object>> INDEX_REMOVE = script("index-remove.lua");

    static final RedisScript<List<Object>> INDEX_PURGE = script("index-purge.lua");

    private final StringRedisTemplate redis;

    SessionCommands(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Every field of the hash at {@code key}; none when there is no such key. */
    Map<String, String> fields(String key) {
        Map<Object, Object> entries = call(() -> this.redis.opsForHash().entries(key));
        Map<String, String> fields = new HashMap<>();
        entries.forEach((field, value) -> fields.put((String) field, (String) value));
        return fields;
    }

    void delete(String key) {
        ReplicaWait.wrote(key);
        call(() -> this.redis.delete(key));
    }

    Reply run(RedisScript<List<Object>> script, String key, List<String> args) {
        List<Object> reply = raw(script, List.of(key), args);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            fields.put(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1)));
        }
        return new Reply(Outcome.of(String.valueOf(reply.get(0))), fields);
    }

    /** The reply of a script on several keys (of one cluster slot), never empty. */
    List<Object> raw(RedisScript<List<Object>> script, List<String> keys, List<String> args) {
        // Every script writes (or may), and all its keys share one slot.
        ReplicaWait.wrote(keys.get(0));
        List<Object> reply = call(() -> this.redis.execute(script, keys, args.toArray()));
        if (reply == null || reply.isEmpty()) {
            throw new SessionStoreException("Redis returned no reply to a session script");
        }
        return reply;
    }

    StringRedisTemplate redis() {
        return this.redis;
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        }
        catch (RuntimeException ex) {
            throw new SessionStoreException("Redis request failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * The script read once, as text: a script built on its resource asks the resource
     * whether it changed on every call (in a jar, a {@code FileNotFoundException} and a
     * jar URL connection under a lock shared by all requests: 41% of the heap a Redis
     * {@code /counter} allocated).
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static RedisScript<List<Object>> script(String name) {
        String text;
        try {
            text = new ClassPathResource(name, SessionCommands.class).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Redis script " + name, ex);
        }
        return new DefaultRedisScript(text, List.class);
    }

    /** How a script ended, as its first reply element says. */
    enum Outcome {

        /** Done. */
        OK,

        /** The session no longer exists; nothing was written. */
        GONE,

        /** Another request changed the session since it was read; nothing was written. */
        STALE;

        static Outcome of(String reply) {
            return switch (reply) {
                case "ok" -> OK;
                case "gone" -> GONE;
                case "stale" -> STALE;
                default -> throw new SessionStoreException("Unexpected reply from a session script: " + reply);
            };
        }

    }

    /**
     * A script's reply: its outcome and, for some {@link Outcome#STALE} replies, the
     * current fields the script reports (field name to value).
     */
    record Reply(Outcome outcome, Map<String, String> fields) {
    }

}
