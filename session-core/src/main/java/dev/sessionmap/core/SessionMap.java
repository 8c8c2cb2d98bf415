package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The visitor's session, used like a {@link Map}: whatever a handler puts in one request
 * is there in the next. Values are stored as JSON, so anything Jackson can write may be
 * stored, and typed reads convert it back:
 *
 * <pre>{@code
 * &#64;GetMapping("/counter")
 * String counter(SessionMap session) {
 *     int count = session.get("count", 0) + 1;
 *     session.put("count", count);
 *     return "You have visited " + count + " times";
 * }
 * }</pre>
 *
 * <p>
 * Nothing is read from the store until the map is first used, and nothing is written
 * unless it changed. Keys starting with {@code _} are reserved for the library's own
 * records (flash messages, the test cookie, binding and rotation records), which are kept
 * with the session but not in this map: putting such a key fails with an
 * {@link IllegalArgumentException}.
 */
public interface SessionMap extends Map<String, Object> {

    /**
     * The value stored under {@code key}, converted to {@code type}, or {@code null} when
     * absent. A {@code record Cart(...)} put in one request comes back as a {@code Cart}
     * in the next.
     */
    <T> @Nullable T get(String key, Class<T> type);

    /**
     * The value stored under {@code key}, converted to the type of {@code defaultValue},
     * or {@code defaultValue} when absent: {@code int count = session.get("count", 0);}.
     */
    <T> T get(String key, T defaultValue);

    /**
     * Whether this session has not been saved yet: the visitor brought no valid session.
     */
    boolean isNew();

    /**
     * Drops all data and the stored session; the response clears the cookie, or carries a
     * fresh session when the handler puts new data afterwards. Call it at log-out.
     */
    void invalidate();

    /**
     * Gives the session a new id and keeps its data, so an id known before (for example
     * planted by an attacker) is worthless afterwards. Call it at log-in, against session
     * fixation.
     */
    void rotateId();

    /**
     * Gives this session its own idle timeout, kept with the session, in place of
     * {@code app.session.timeout}: for example a long one after "remember me".
     * {@code null} returns to the configured timeout. The absolute timeout, if
     * configured, still applies.
     */
    void setTimeout(@Nullable Duration timeout);

    /**
     * This session's idle timeout: its own (see {@link #setTimeout}) or the configured
     * one.
     */
    Duration getTimeout();

    /**
     * Whether this session's cookie is kept only until the browser closes (Django's
     * {@code set_expiry(0)}), kept with the session, in place of
     * {@code app.session.cookie.expire-at-browser-close}: the "remember me" box
     * unchecked. The server-side timeouts apply either way. <pre>{@code
     * session.setExpireAtBrowserClose(!rememberMe);
     * if (rememberMe) {
     *     session.setTimeout(Duration.ofDays(30));
     * }
     * }</pre>
     */
    void setExpireAtBrowserClose(boolean expireAtBrowserClose);

    /**
     * Whether this session's cookie is kept only until the browser closes: its own
     * choice, or the configured one.
     */
    boolean isExpireAtBrowserClose();

    /**
     * Names the user this session belongs to, at log-in, so that the user's sessions can
     * be listed and revoked (see {@link UserSessions}); {@code null} at log-out, if the
     * session lives on. Naming a different user than the one recorded also gives the
     * session a new id, as {@link #rotateId()} does, against session fixation. With the
     * servlet-session bridge on, Spring Security's log-in does this for you.
     */
    void setPrincipalName(@Nullable String name);

    /**
     * The user this session belongs to (see {@link #setPrincipalName}), or {@code null}
     * for an anonymous session.
     */
    @Nullable String getPrincipalName();

    /**
     * When this session was created; the time of this request for a session it creates.
     */
    Instant createdAt();

    /**
     * When a request last refreshed this session, as recorded before this request (a read
     * refreshes it at most once per {@code app.session.touch-interval}); the time of this
     * request for a session it creates.
     */
    Instant lastAccessedAt();

    /**
     * When this session ends unless the visitor comes back: its last access plus its idle
     * timeout, or its creation plus the absolute timeout when that is sooner. For a "your
     * session ends in 5 minutes" warning; it is never later than the real end, and at
     * most a touch interval earlier.
     */
    Instant expiresAt();

    /**
     * Writes the session now, as the end of the request would, if it has anything to
     * write: for example before a long computation, so that other requests already see
     * the change. Changes made afterwards are saved at the end of the request as usual.
     * The response still carries the cookie.
     * @throws IllegalStateException when the response has already been committed
     */
    void save();

    /**
     * Adds a message to show on the next page this visitor sees, for example after a
     * redirect: {@code session.flash("Your profile was saved")}. Messages from concurrent
     * requests are all kept.
     */
    void flash(String message);

    /**
     * The flash messages added so far, oldest first, removing them from the session;
     * empty when there are none.
     */
    List<String> consumeFlashes();

    /**
     * Stores a test value, so that a later request can tell whether the browser keeps
     * cookies with {@link #testCookieWorked()} (Django's {@code set_test_cookie}).
     */
    void setTestCookie();

    /**
     * Whether the test value set by {@link #setTestCookie()} in an earlier request came
     * back.
     */
    boolean testCookieWorked();

    /** Removes the test value once the check is done. */
    void deleteTestCookie();

}
