package dev.sessionmap.core;

import java.time.Instant;
import java.util.List;

/**
 * A server store that also finds sessions by the user they belong to, for "where am I
 * logged in?", "log out everywhere" and Spring Security's session limits (see
 * {@link UserSessions}). A session belongs to the user {@link SessionWrite#principal()}
 * names when it is written; a write that names another user or none moves it.
 *
 * <p>
 * The index may never outlive the sessions: a session that expires, is deleted or becomes
 * a forwarding entry leaves it, without anyone having to ask.
 */
public interface PrincipalSessionStore extends ServerSessionStore {

    /**
     * The sessions of {@code principal} that have not expired at {@code now}, forwarding
     * entries excluded, in no particular order.
     */
    List<IndexedSession> findByPrincipal(String principal, Instant now);

    /**
     * Deletes the session whose id has this {@linkplain SessionIds#hash hash}; whether
     * there was one.
     */
    boolean deleteByIdHash(String idHash);

}
