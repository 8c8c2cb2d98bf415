package dev.sessionmap.core;

import org.jspecify.annotations.Nullable;

/**
 * Where sessions live. The web layer hands a store the opaque token from the cookie and puts back
 * the token the store returns: for a server-side store it is the session id, for the secure-cookie
 * store the sealed data itself.
 *
 * <p>Implementations are thread-safe. Failures to reach the backing service throw
 * {@link SessionStoreException}; bad tokens are not failures and load as {@code null}.
 */
public interface SessionStore {

    /**
     * The session the token names, or {@code null} when it names none: unknown, malformed, tampered
     * with or sealed with an unknown key. Expiry is checked by the caller.
     */
    @Nullable StoredSession load(String token);

    /**
     * Writes the session and returns the token for the cookie, or {@code null} when the session was
     * deleted meanwhile (another request invalidated it): a late request must not bring it back. A write
     * that only refreshes the access time ({@code !write.dataChanged()}) also returns {@code null} when it was
     * not applied because the session moved to another id or another request refreshed it later: the caller
     * then leaves the visitor's cookie as it is, since re-sending this id could overwrite a newer one.
     * A store that can hold only so much throws {@link SessionTooLargeException} and writes nothing.
     */
    @Nullable String save(SessionWrite write);

    /** Deletes the session; harmless when it is gone already. */
    void delete(StoredSession session);

    /**
     * Moves a session to a new id like {@link #save} (where {@code move.isRotation()}), and leaves
     * {@code forward} under the previous id, so that requests already sent with the old cookie still
     * find the session for a grace period. Periodic id rotation calls this; rotation at log-in does not.
     * <p>Returns the token for the cookie, or {@code null} when the stored session is not the version
     * {@code move} was based on any more (changed, moved or deleted by a concurrent request): the caller
     * then reloads it and decides. A store that can, does both writes at once and only if the version
     * still matches; this default, for any store, saves the move (re-applying its changes after a
     * concurrent write, as {@code save} does) and then the forwarding entry, when tokens are ids.
     * @param move the session under its new id, {@code move.previous()} as loaded
     * @param forward a new session under the previous id: the forwarding entry
     */
    default @Nullable String rotate(SessionWrite move, SessionWrite forward) {
        String token = save(move);
        if (token != null && token.equals(move.id())) {
            save(forward);
        }
        return token;
    }

    /**
     * Whether {@link #delete} ends the session for every copy of its token, as for stores that keep sessions
     * on the server. A store that keeps nothing (the secure-cookie store) answers {@code false}: a copy of
     * the cookie still opens the session, so a log-out also leaves an {@link EndMarker} in the browser.
     */
    default boolean revokesOnDelete() {
        return true;
    }
}
