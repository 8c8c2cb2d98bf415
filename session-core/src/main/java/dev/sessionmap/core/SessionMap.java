package dev.sessionmap.core;

import java.time.Duration;
import java.util.List;
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
 * changed. Keys starting with {@code _} are reserved for the library (flash messages, the test
 * cookie, binding and rotation records): do not use such keys for your own values.
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

    /**
     * Gives this session its own idle timeout, kept with the session, in place of
     * {@code app.session.timeout}: for example a long one after "remember me". {@code null} returns to
     * the configured timeout. The absolute timeout, if configured, still applies.
     */
    void setTimeout(@Nullable Duration timeout);

    /** This session's idle timeout: its own (see {@link #setTimeout}) or the configured one. */
    Duration getTimeout();

    /**
     * Writes the session now, as the end of the request would, if it has anything to write: for
     * example before a long computation, so that other requests already see the change. Changes made
     * afterwards are saved at the end of the request as usual. The response still carries the cookie.
     * @throws IllegalStateException when the response has already been committed
     */
    void save();

    /**
     * Adds a message to show on the next page this visitor sees, for example after a redirect:
     * {@code session.flash("Your profile was saved")}. Messages from concurrent requests are all kept.
     */
    void flash(String message);

    /** The flash messages added so far, oldest first, removing them from the session; empty when there are none. */
    List<String> consumeFlashes();

    /**
     * Stores a test value, so that a later request can tell whether the browser keeps cookies with
     * {@link #testCookieWorked()} (Django's {@code set_test_cookie}).
     */
    void setTestCookie();

    /** Whether the test value set by {@link #setTestCookie()} in an earlier request came back. */
    boolean testCookieWorked();

    /** Removes the test value once the check is done. */
    void deleteTestCookie();
}
