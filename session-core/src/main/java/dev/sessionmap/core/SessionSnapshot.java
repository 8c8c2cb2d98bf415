package dev.sessionmap.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * A stored session as {@link SessionAdmin#find} read it: its decoded values and its
 * times. A copy: changing the session afterwards does not change the snapshot, nor the
 * other way round.
 */
public final class SessionSnapshot {

    private final String id;

    private final ObjectNode json;

    private final Map<String, @Nullable Object> data;

    private final Instant createdAt;

    private final Instant lastAccessedAt;

    private final Instant expiresAt;

    private final SessionCodec codec;

    SessionSnapshot(StoredSession session, Instant expiresAt, SessionCodec codec) {
        this.id = session.id();
        this.json = session.data().deepCopy();
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        this.json.properties().forEach((entry) -> {
            if (!SessionState.isReserved(entry.getKey())) {
                data.put(entry.getKey(), codec.decode(entry.getValue()));
            }
        });
        this.data = Collections.unmodifiableMap(data);
        this.createdAt = session.createdAt();
        this.lastAccessedAt = session.lastAccessedAt();
        this.expiresAt = expiresAt;
        this.codec = codec;
    }

    /** The session's id. */
    public String id() {
        return this.id;
    }

    /**
     * The application's values as plain JSON types ({@code Map}, {@code List},
     * {@code String}, numbers, booleans), as its {@link SessionMap} shows them: the
     * library's records (flash messages, binding, ...) are not among them.
     */
    public Map<String, @Nullable Object> data() {
        return this.data;
    }

    /**
     * One of the application's values converted to {@code type}, or {@code null} when
     * absent.
     */
    public <T> @Nullable T get(String key, Class<T> type) {
        return this.data.containsKey(key) ? this.codec.decode(key, this.json.get(key), type) : null;
    }

    /** When the session was created. */
    public Instant createdAt() {
        return this.createdAt;
    }

    /** When a request last refreshed it. */
    public Instant lastAccessedAt() {
        return this.lastAccessedAt;
    }

    /**
     * When it stops being served unless used again (the earlier of the idle and the
     * absolute timeout).
     */
    public Instant expiresAt() {
        return this.expiresAt;
    }

    @Override
    public String toString() {
        return "SessionSnapshot{keys=" + this.data.keySet() + ", expiresAt=" + this.expiresAt + "}";
    }

}
