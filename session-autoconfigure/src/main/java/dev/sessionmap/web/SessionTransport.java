package dev.sessionmap.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.sessionmap.core.CookieUpdate;

/**
 * How one request's session token travels: in the session cookie ({@link SessionCookies})
 * or, for API clients, in a header ({@link SessionHeader}). The filter picks one per
 * request; what a token is stays the store's business.
 */
interface SessionTransport {

    /**
     * The tokens the client presented, in the order sent, at most
     * {@value SessionCookies#MAX_CANDIDATES}.
     */
    List<String> readAll(HttpServletRequest request);

    /**
     * The end markers a log-out left with the client, for a store that cannot revoke
     * sessions.
     */
    List<String> readEndMarkers(HttpServletRequest request);

    /** Tells the client what the update asks for. */
    void write(CookieUpdate update, HttpServletRequest request, HttpServletResponse response);

}
