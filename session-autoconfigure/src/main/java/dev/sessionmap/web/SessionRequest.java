package dev.sessionmap.web;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;

/**
 * A request whose servlet session is the visitor's sessionmap session, so that Spring
 * Security and every other {@link HttpSession} user share it and the container never
 * makes one of its own. As lazy as the map: asking {@code getSession(false)} without a
 * session cookie costs nothing, and a session created but left empty is never written and
 * sets no cookie.
 */
final class SessionRequest extends HttpServletRequestWrapper {

    private final SessionLifecycle lifecycle;

    private final AttributeTypes types;

    private final Supplier<List<String>> presentedTokens;

    private final boolean viaHeader;

    private @Nullable SessionMapHttpSession session;

    SessionRequest(HttpServletRequest request, SessionLifecycle lifecycle, AttributeTypes types,
            Supplier<List<String>> presentedTokens, boolean viaHeader) {
        super(request);
        this.lifecycle = lifecycle;
        this.types = types;
        this.presentedTokens = presentedTokens;
        this.viaHeader = viaHeader;
    }

    @Override
    public @Nullable HttpSession getSession(boolean create) {
        SessionMapHttpSession current = this.session;
        if (current != null && current.isValid()) {
            return current;
        }
        this.session = null;
        // Without a session to serve, a new one exists from here on, but costs nothing
        // until something is put in it.
        if (!create && !mayHaveSession()) {
            return null;
        }
        current = new SessionMapHttpSession(this.lifecycle, this.types, getServletContext(), this::sessionId);
        this.session = current;
        return current;
    }

    /**
     * Whether there is a session to hand out without creating one: the loaded session,
     * or, before anything loaded it, whichever session the visitor's cookie names. Spring
     * MVC asks every request for its session's id, and Spring Security asks before it
     * knows whether it needs the context; neither may cost a load.
     */
    private boolean mayHaveSession() {
        if (this.lifecycle.isUsed()) {
            return !this.lifecycle.map().isNew();
        }
        return !this.presentedTokens.get().isEmpty();
    }

    /**
     * The session's id as {@link HttpSession#getId()} gives it: a digest of its id.
     * Before the session loads, on a store whose cookie is the id, the digest of the
     * cookie, which costs no load.
     */
    private String sessionId() {
        if (!this.lifecycle.isUsed()) {
            List<String> tokens = this.presentedTokens.get();
            if (tokens.size() == 1 && SessionIds.isWellFormed(tokens.get(0))) {
                return SessionIds.hash(tokens.get(0));
            }
        }
        return SessionIds.hash(this.lifecycle.id());
    }

    @Override
    public HttpSession getSession() {
        return Objects.requireNonNull(getSession(true), "getSession(true) always returns a session");
    }

    /**
     * Gives the session a new id, as {@link dev.sessionmap.core.SessionMap#rotateId()}:
     * at log-in.
     */
    @Override
    public String changeSessionId() {
        HttpSession current = getSession(false);
        if (current == null) {
            throw new IllegalStateException("The request has no session whose id could change");
        }
        this.lifecycle.rotateId();
        return current.getId();
    }

    /**
     * Whether the visitor presented a session that is being served: not expired, not
     * ended, not unknown.
     */
    @Override
    public boolean isRequestedSessionIdValid() {
        return !this.presentedTokens.get().isEmpty() && !this.lifecycle.map().isNew();
    }

    /**
     * A digest of the session token the visitor presented, never the token itself; on the
     * server stores it is what {@link HttpSession#getId()} gave for that session.
     */
    @Override
    public @Nullable String getRequestedSessionId() {
        List<String> tokens = this.presentedTokens.get();
        return tokens.isEmpty() ? null : SessionIds.hash(tokens.get(0));
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return !this.viaHeader && !this.presentedTokens.get().isEmpty();
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

}
