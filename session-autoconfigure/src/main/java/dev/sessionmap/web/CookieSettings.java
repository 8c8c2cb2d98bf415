package dev.sessionmap.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * How the session cookie is written.
 *
 * @param name the cookie's name
 * @param domain its {@code Domain} attribute, or {@code null} for the request's host only
 * @param path its {@code Path}
 * @param secure when it carries {@code Secure}
 * @param httpOnly whether it carries {@code HttpOnly}
 * @param sameSite its {@code SameSite} value ({@code None} forces {@code Secure}), or
 * {@code null} for none
 * @param maxAge a fixed {@code Max-Age}, or {@code null} for the session's remaining
 * lifetime; a session whose cookie is kept only until the browser closes gets none (see
 * {@code SessionSettings#expireAtBrowserClose()})
 */
public record CookieSettings(String name, @Nullable String domain, String path, Secure secure, boolean httpOnly,
        @Nullable String sameSite, @Nullable Duration maxAge) {

    /**
     * The defaults: {@code sessionid}, {@code Path=/}, {@code HttpOnly},
     * {@code SameSite=Lax}, {@code Secure} on HTTPS requests.
     */
    public static CookieSettings defaults() {
        return new CookieSettings("sessionid", null, "/", Secure.AUTO, true, "Lax", null);
    }

    /** When the cookie is marked {@code Secure}. */
    public enum Secure {

        /**
         * When the request came over HTTPS (as the servlet container sees it, so behind a
         * proxy configure forwarded headers).
         */
        AUTO,

        /** Always. */
        TRUE,

        /** Never. */
        FALSE;

        boolean appliesTo(HttpServletRequest request) {
            return this == TRUE || (this == AUTO && request.isSecure());
        }

    }
}
