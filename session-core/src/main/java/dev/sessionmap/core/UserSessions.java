package dev.sessionmap.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Who is logged in where: a user's sessions, to list on a "your sessions" page and to
 * revoke, one or all. A session belongs to a user once
 * {@link SessionMap#setPrincipalName} named one (the servlet-session bridge does it from
 * Spring Security's context).
 *
 * <pre>{@code
 * &#64;PostMapping("/password")
 * String changePassword(Principal user, ...) {
 *     ...
 *     userSessions.revokeOthers(user.getName());   // log out everywhere else
 *     return "redirect:/account";
 * }
 * }</pre>
 *
 * <p>
 * On server stores every method works and acts at once. The secure-cookie store keeps no
 * sessions, so it cannot list them ({@link #canList()} is {@code false}); with
 * {@link PrincipalEpochs} configured it revokes all of a user's sessions, or all but the
 * current one, by advancing the user's epoch, and without them it cannot revoke at all
 * ({@link #canRevoke()}).
 */
public class UserSessions {

    private final SessionStore store;

    private final Clock clock;

    private final SessionHooks hooks;

    private final Supplier<@Nullable SessionLifecycle> current;

    /**
     * @param current the lifecycle of the request calling, or {@code null} outside of a
     * request
     */
    public UserSessions(SessionStore store, Clock clock, SessionHooks hooks,
            Supplier<@Nullable SessionLifecycle> current) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.current = Objects.requireNonNull(current, "current");
    }

    /** Whether {@link #list} can answer: the store keeps sessions and indexes them. */
    public boolean canList() {
        return this.store instanceof PrincipalSessionStore;
    }

    /**
     * Whether sessions can be revoked: on every server store, and on the secure-cookie
     * store when users' epochs are kept.
     */
    public boolean canRevoke() {
        return canList() || this.hooks.epochs() != null;
    }

    /**
     * The user's live sessions, the most recently used first.
     * @throws UnsupportedOperationException when the store cannot list them (see
     * {@link #canList()})
     */
    public List<UserSession> list(String principal) {
        Objects.requireNonNull(principal, "principal");
        String current = currentIdHash(principal);
        List<UserSession> sessions = new ArrayList<>();
        for (IndexedSession session : indexed().findByPrincipal(principal, this.clock.instant())) {
            if (principal.equals(SessionRecords.principalOf(session.data()))) {
                sessions.add(new UserSession(session.idHash(), session.createdAt(), session.lastAccessedAt(),
                        session.expiresAt(), userAgent(session), session.idHash().equals(current)));
            }
        }
        sessions.sort(Comparator.comparing(UserSession::lastAccessedAt).reversed());
        return sessions;
    }

    /**
     * Revokes one of the user's sessions, named by its {@link UserSession#id()}: its next
     * request finds no session. Only a session of this user is revoked, so an id taken
     * from a request cannot end someone else's session. The current session is
     * invalidated as by {@link SessionMap#invalidate()}. Whether it was revoked.
     * @throws UnsupportedOperationException when the store cannot list sessions
     */
    public boolean revoke(String principal, String id) {
        Objects.requireNonNull(id, "id");
        for (UserSession session : list(principal)) {
            if (session.id().equals(id)) {
                if (session.current()) {
                    Objects.requireNonNull(this.current.get()).invalidate();
                    return true;
                }
                return delete(principal, id);
            }
        }
        return false;
    }

    /**
     * Revokes every session of the user, the current one included ("log out everywhere"):
     * how many, or empty where the store cannot count them (the secure cookie).
     * @throws UnsupportedOperationException when sessions cannot be revoked (see
     * {@link #canRevoke()})
     */
    public OptionalInt revokeAll(String principal) {
        return revoke(principal, false);
    }

    /**
     * Revokes every session of the user but the current request's ("log out everywhere
     * else", after a password change): how many, or empty where the store cannot count
     * them.
     * @throws UnsupportedOperationException when sessions cannot be revoked
     */
    public OptionalInt revokeOthers(String principal) {
        return revoke(principal, true);
    }

    private OptionalInt revoke(String principal, boolean keepCurrent) {
        Objects.requireNonNull(principal, "principal");
        if (!canList()) {
            return advanceEpoch(principal, keepCurrent);
        }
        int revoked = 0;
        for (UserSession session : list(principal)) {
            if (session.current()) {
                if (!keepCurrent) {
                    Objects.requireNonNull(this.current.get()).invalidate();
                    revoked++;
                }
            }
            else if (delete(principal, session.id())) {
                revoked++;
            }
        }
        return OptionalInt.of(revoked);
    }

    private OptionalInt advanceEpoch(String principal, boolean keepCurrent) {
        PrincipalEpochs epochs = this.hooks.epochs();
        if (epochs == null) {
            throw new UnsupportedOperationException("The session store keeps no sessions (app.session.store="
                    + "secure-cookie), and no revocation epochs are configured: sessions cannot be revoked; see"
                    + " app.session.revocation.store");
        }
        long epoch = epochs.advance(principal);
        SessionLifecycle lifecycle = this.current.get();
        if (lifecycle != null && principal.equals(lifecycle.records().principal())) {
            if (keepCurrent) {
                lifecycle.records().put(SessionRecords.EPOCH, epoch);
            }
            else {
                lifecycle.invalidate();
            }
        }
        return OptionalInt.empty();
    }

    private boolean delete(String principal, String idHash) {
        boolean deleted = indexed().deleteByIdHash(idHash);
        if (deleted) {
            this.hooks.listener().onEvent(new SessionInvalidatedEvent(idHash, principal, this.clock.instant()));
        }
        return deleted;
    }

    private @Nullable String currentIdHash(String principal) {
        SessionLifecycle lifecycle = this.current.get();
        if (lifecycle == null || !principal.equals(lifecycle.records().principal())) {
            return null;
        }
        // The id as stored: a rotation asked for in this request is not written yet.
        StoredSession stored = lifecycle.stored();
        return (stored != null) ? SessionIds.hash(stored.id()) : null;
    }

    private PrincipalSessionStore indexed() {
        if (this.store instanceof PrincipalSessionStore indexed) {
            return indexed;
        }
        throw new UnsupportedOperationException("The session store cannot list a user's sessions: it keeps none on"
                + " the server (app.session.store=secure-cookie); use datastore or redis to list them");
    }

    private static @Nullable String userAgent(IndexedSession session) {
        JsonNode agent = session.data().get(SessionRecords.USER_AGENT);
        return (agent != null && agent.isString()) ? agent.asString() : null;
    }

}
