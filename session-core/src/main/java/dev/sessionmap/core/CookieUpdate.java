package dev.sessionmap.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the response must do with the session cookie once the request's session work is done.
 *
 * @param action keep the cookie as it is, set it, or clear it
 * @param value the token to set
 * @param maxAge how long the browser should keep it
 */
public record CookieUpdate(Action action, @Nullable String value, Duration maxAge) {

    /** Leave the cookie alone. */
    public static final CookieUpdate NONE = new CookieUpdate(Action.NONE, null, Duration.ZERO);

    /** Remove the cookie from the browser. */
    public static final CookieUpdate CLEAR = new CookieUpdate(Action.CLEAR, null, Duration.ZERO);

    public static CookieUpdate set(String value, Duration maxAge) {
        return new CookieUpdate(Action.SET, value, maxAge);
    }

    /** What to do with the cookie. */
    public enum Action {
        NONE, SET, CLEAR
    }
}
