package dev.sessionmap.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

import dev.sessionmap.core.UserSession;
import dev.sessionmap.core.UserSessions;

/**
 * The {@link SessionRegistry} behind Spring Security's session limit, answered by the
 * session store through {@link UserSessions}: a user's sessions are the ones the store
 * holds for them, whichever instance logged them in, so
 * {@code sessionConcurrency((c) -> c.maximumSessions(1))} holds across every instance.
 *
 * <p>
 * The store is the truth, so nothing is registered here: a session belongs to a user from
 * the moment the servlet-session bridge stores Spring Security's context in it, and
 * leaves the user when it is logged out, revoked or expires. A session Spring Security
 * expires to make room ({@link SessionInformation#expireNow()}) is revoked in the store
 * at once: its next request, on any instance, finds no session and is anonymous, as after
 * a log-out. Spring Security's {@code expiredUrl} and expired-session strategy are
 * therefore never shown; the visitor meets the log-in page instead.
 *
 * <p>
 * Principals are named as Spring Security's {@code Authentication.getName()} names them,
 * which is the name the bridge records: {@link UserDetails#getUsername()},
 * {@link AuthenticatedPrincipal#getName()}, {@link Principal#getName()}, or else
 * {@code toString()}.
 */
public class StoreBackedSessionRegistry implements SessionRegistry {

    private final UserSessions userSessions;

    public StoreBackedSessionRegistry(UserSessions userSessions) {
        this.userSessions = Objects.requireNonNull(userSessions, "userSessions");
    }

    /**
     * Not available: stores find sessions by user, not users.
     * @throws UnsupportedOperationException always
     */
    @Override
    public List<Object> getAllPrincipals() {
        throw new UnsupportedOperationException(
                "Sessions are found by user, not users: list a user's sessions with getAllSessions(principal, false)");
    }

    /**
     * The user's live sessions in the store, from every instance; ids are
     * {@code HttpSession.getId()}'s. Revoked and expired sessions are gone from the
     * store, so {@code includeExpiredSessions} changes nothing.
     */
    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        String name = nameOf(principal);
        // Mutable: Spring Security sorts it to find the oldest.
        List<SessionInformation> sessions = new ArrayList<>();
        for (UserSession session : this.userSessions.list(name)) {
            sessions.add(new StoredSessionInformation(principal, name, session, this.userSessions));
        }
        return sessions;
    }

    /**
     * Always {@code null}: Spring Security's {@code ConcurrentSessionFilter} asks on
     * every request, and a session revoked to make room is gone rather than marked, so
     * looking it up would cost every request a store read for nothing. List a user's
     * sessions with {@link #getAllSessions}.
     */
    @Override
    public @Nullable SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    /** Nothing to do: the store records when each session was last used. */
    @Override
    public void refreshLastRequest(String sessionId) {
    }

    /**
     * Nothing to do: the session belongs to the user once the bridge stores the security
     * context in it, on the write that ends the log-in request.
     */
    @Override
    public void registerNewSession(String sessionId, Object principal) {
    }

    /** Nothing to do: a session that ends leaves the store, and so the user's list. */
    @Override
    public void removeSessionInformation(String sessionId) {
    }

    /** The name sessions record for {@code principal}, as Spring Security names it. */
    static String nameOf(Object principal) {
        if (principal instanceof UserDetails user) {
            return user.getUsername();
        }
        if (principal instanceof AuthenticatedPrincipal authenticated) {
            return authenticated.getName();
        }
        if (principal instanceof Principal named) {
            return named.getName();
        }
        return principal.toString();
    }

    /** A stored session, which {@link #expireNow()} revokes on every instance. */
    private static final class StoredSessionInformation extends SessionInformation {

        private final String principalName;

        private final transient UserSessions userSessions;

        StoredSessionInformation(Object principal, String principalName, UserSession session,
                UserSessions userSessions) {
            super(principal, session.id(), Date.from(session.lastAccessedAt()));
            this.principalName = principalName;
            this.userSessions = userSessions;
        }

        @Override
        public void expireNow() {
            super.expireNow();
            this.userSessions.revoke(this.principalName, getSessionId());
        }

    }

}
