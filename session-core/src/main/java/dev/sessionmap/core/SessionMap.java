package dev.sessionmap.core;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The visitor's session, used like a {@link Map}: whatever a handler puts in one request is there in
 * the next. Values are stored as JSON, so anything Jackson can write may be stored, and typed reads
 * convert it back:
 *
 * <pre>{@code
 * @GetMapping("/counter")
 * String counter(SessionMap session) {
 *     int count = session.get("count", 0) + 1;
 *     session.put("count", count);
 *     return "You have visited " + count + " times";
 * }
 * }</pre>
 *
 * <p>Nothing is read from the store until the map is first used, and nothing is written unless it
 * changed. Keys starting with {@code _} are reserved for the library.
 */
public interface SessionMap extends Map<String, Object> {

    /**
     * The value stored under {@code key}, converted to {@code type}, or {@code null} when absent.
     * A {@code record Cart(...)} put in one request comes back as a {@code Cart} in the next.
     */
    <T> @Nullable T get(String key, Class<T> type);

    /**
     * The value stored under {@code key}, converted to the type of {@code defaultValue}, or
     * {@code defaultValue} when absent: {@code int count = session.get("count", 0);}.
     */
    <T> T get(String key, T defaultValue);

    /** Whether this session has not been saved yet: the visitor brought no valid session. */
    boolean isNew();

    /**
     * Drops all data and the stored session; the response clears the cookie, or carries a fresh
     * session when the handler puts new data afterwards. Call it at log-out.
     */
    void invalidate();

    /**
     * Gives the session a new id and keeps its data, so an id known before (for example planted by
     * an attacker) is worthless afterwards. Call it at log-in, against session fixation.
     */
    void rotateId();
}
