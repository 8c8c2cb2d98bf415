package dev.sessionmap.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * Keeps a response built from a visitor's session out of shared caches:
 * {@code Vary: Cookie} (or the session header, for an API client that sends its token
 * there), so a cache keys it by the token, and {@code Cache-Control: private} unless the
 * application chose its own caching. A CDN or proxy that ignored both would hand one
 * visitor's page to the next (Django adds {@code Vary: Cookie} for the same reason).
 * Responses that never used the session are left as they are.
 */
final class PerVisitorResponse {

    private PerVisitorResponse() {
    }

    /** Marks the response as this visitor's, varying on the request headers named. */
    static void mark(HttpServletResponse response, String... varyOn) {
        for (String name : varyOn) {
            if (!variesOn(response, name)) {
                response.addHeader(HttpHeaders.VARY, name);
            }
        }
        if (!response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private");
        }
    }

    private static boolean variesOn(HttpServletResponse response, String header) {
        if (!response.containsHeader(HttpHeaders.VARY)) {
            return false;
        }
        String wanted = header.toLowerCase(Locale.ROOT);
        for (String vary : response.getHeaders(HttpHeaders.VARY)) {
            for (String value : vary.split(",")) {
                String name = value.trim().toLowerCase(Locale.ROOT);
                if (name.equals(wanted) || name.equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }

}
