package dev.sessionmap.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.AtRestSealer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of a session's Redis hash: one {@code d:<key>} field per session key holding
 * that value's JSON, so a write touches only the keys it changed, and {@code m:} fields
 * for the metadata (times in epoch milliseconds). The prefixes keep any session key apart
 * from the metadata.
 */
final class SessionHash {

    static final String DATA = "d:";

    static final String CREATED = "m:created";

    static final String ACCESSED = "m:accessed";

    static final String EXPIRES = "m:expires";

    /** The session's own idle timeout in whole seconds, as the other stores keep it. */
    static final String TIMEOUT = "m:timeout_s";

    /**
     * Where 0.1.0 kept the own timeout, in milliseconds: still read, and removed on the
     * next write.
     */
    static final String TIMEOUT_MILLIS = "m:timeout";

    static final String VERSION = "m:version";

    private SessionHash() {
    }

    static String field(String key) {
        return DATA + key;
    }

    static String key(String field) {
        return field.substring(DATA.length());
    }

    /**
     * The session in {@code fields}, stored under {@code idHash}, or {@code null} when
     * there are none or a sealed value does not open; to be written again
     * ({@link StoredSession#resave()}) when a value is outdated. Fails on malformed
     * fields.
     */
    static @Nullable StoredSession read(HashValues values, String id, String idHash, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        ObjectNode data = values.codec().newData();
        boolean outdated = false;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getKey().startsWith(DATA)) {
                AtRestSealer.Opened value = values.open(idHash, field.getKey(), field.getValue());
                if (value == null) {
                    return null;
                }
                outdated |= value.outdated();
                data.set(key(field.getKey()), values.parse(value.json()));
            }
        }
        String seconds = fields.get(TIMEOUT);
        String millis = fields.get(TIMEOUT_MILLIS);
        Duration timeout = (seconds != null) ? Duration.ofSeconds(Long.parseLong(seconds))
                : (millis != null) ? Duration.ofMillis(Long.parseLong(millis)) : null;
        return new StoredSession(id, data, instant(fields, CREATED), instant(fields, ACCESSED),
                instant(fields, EXPIRES), timeout, Long.parseLong(fields.getOrDefault(VERSION, "0")), outdated);
    }

    /**
     * All fields of a session written whole under {@code idHash}, as field and value
     * pairs.
     */
    static List<String> all(HashValues values, String idHash, SessionWrite write, ObjectNode data, long version) {
        List<String> fields = new ArrayList<>();
        add(fields, CREATED, millis(write.createdAt()));
        add(fields, ACCESSED, millis(write.lastAccessedAt()));
        add(fields, EXPIRES, millis(write.expiresAt()));
        add(fields, VERSION, Long.toString(version));
        String timeout = timeout(write);
        if (!timeout.isEmpty()) {
            add(fields, TIMEOUT, timeout);
        }
        data.properties()
            .forEach((property) -> add(fields, field(property.getKey()),
                    values.write(idHash, field(property.getKey()), property.getValue())));
        return fields;
    }

    /** The session's own timeout in whole seconds, or {@code ""} for none. */
    static String timeout(SessionWrite write) {
        Duration timeout = write.timeout();
        return (timeout != null) ? Long.toString(timeout.toSeconds()) : "";
    }

    /**
     * How long Redis keeps the session: until its expiry, as the application's clock sees
     * it.
     */
    static String ttl(SessionWrite write) {
        long ttl = Duration.between(write.lastAccessedAt(), write.expiresAt()).toMillis();
        return Long.toString(Math.max(1, ttl));
    }

    static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static Instant instant(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Session hash has no " + name + " field");
        }
        return Instant.ofEpochMilli(Long.parseLong(value));
    }

    private static void add(List<String> fields, String name, String value) {
        fields.add(name);
        fields.add(value);
    }

}
