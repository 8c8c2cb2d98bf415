package dev.sessionmap.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * Keeps a response built from a visitor's session out of shared caches: {@code Vary: Cookie}, so a cache
 * keys it by the cookie, and {@code Cache-Control: private} unless the application chose its own caching.
 * A CDN or proxy that ignored both would hand one visitor's page to the next (Django adds {@code Vary: Cookie}
 * for the same reason). Responses that never used the session are left as they are.
 */
final class PerVisitorResponse {

    private PerVisitorResponse() {
    }

    static void mark(HttpServletResponse response) {
        if (!variesOnCookie(response)) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.COOKIE);
        }
        if (!response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private");
        }
    }

    private static boolean variesOnCookie(HttpServletResponse response) {
        for (String header : response.getHeaders(HttpHeaders.VARY)) {
            for (String value : header.split(",")) {
                String name = value.trim().toLowerCase(Locale.ROOT);
                if (name.equals("cookie") || name.equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }
}
