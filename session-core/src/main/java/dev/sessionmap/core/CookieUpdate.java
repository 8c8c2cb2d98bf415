package dev.sessionmap.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the response must do with the session cookie once the request's session work is
 * done.
 *
 * @param action keep the cookie as it is, set it, or clear it
 * @param value the token to set
 * @param maxAge how long the browser should keep it
 * @param endMarker a marker to leave beside the cookie, naming a session this request
 * ended on a store that cannot revoke it, or {@code null}
 * @param browserSession whether the cookie is to be set without {@code Max-Age}, so the
 * browser drops it when it closes (the session's own choice, or the configured default)
 */
public record CookieUpdate(Action action, @Nullable String value, Duration maxAge, @Nullable EndMarker endMarker,
        boolean browserSession) {

    /**
     * The most bytes a browser keeps for one cookie, its name, value and attributes
     * together (RFC 6265, section 6.1): the one limit every part of the library sizes
     * cookies and tokens by.
     */
    public static final int MAX_COOKIE_BYTES = 4096;

    /** Leave the cookie alone. */
    public static final CookieUpdate NONE = new CookieUpdate(Action.NONE, null, Duration.ZERO);

    /** Remove the cookie from the browser. */
    public static final CookieUpdate CLEAR = new CookieUpdate(Action.CLEAR, null, Duration.ZERO);

    public CookieUpdate(Action action, @Nullable String value, Duration maxAge) {
        this(action, value, maxAge, null, false);
    }

    /** Set the cookie to {@code value}, for the browser to keep for {@code maxAge}. */
    public static CookieUpdate set(String value, Duration maxAge) {
        return set(value, maxAge, false);
    }

    /**
     * Set the cookie to {@code value}, for {@code maxAge} or, for a browser session,
     * until the browser closes.
     */
    public static CookieUpdate set(String value, Duration maxAge, boolean browserSession) {
        return new CookieUpdate(Action.SET, value, maxAge, null, browserSession);
    }

    /** This update, also leaving {@code marker}. */
    public CookieUpdate withEndMarker(EndMarker marker) {
        return new CookieUpdate(this.action, this.value, this.maxAge, marker, this.browserSession);
    }

    /** What to do with the cookie. */
    public enum Action {

        NONE, SET, CLEAR

    }
}
