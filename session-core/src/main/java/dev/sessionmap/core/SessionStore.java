package dev.sessionmap.core;

import org.jspecify.annotations.Nullable;

/**
 * Where sessions live. The web layer hands a store the opaque token from the cookie and
 * puts back the token the store returns: for a server-side store it is the session id,
 * for the secure-cookie store the sealed data itself.
 *
 * <p>
 * What a store keeps per session is a {@link StoredSession}: its data, one JSON object
 * (the application's values and the library's records together; store it whole or key by
 * key, but give it back as it was written), its times, its own timeout, and a version the
 * store counts up on every write that changes the data, for optimistic locking. A store
 * never interprets the data; the library's records and forwarding entries are ordinary
 * keys to it.
 *
 * <p>
 * A minimal store, in a map (see {@code dev.sessionmap.store.memory.InMemorySessionStore}
 * for the whole): <pre>{@code
 * public StoredSession load(String token) {
 *     return sessions.get(token);
 * }
 *
 * public String save(SessionWrite write) {
 *     StoredSession previous = write.previous();
 *     if (previous == null) {                            // a new session
 *         sessions.put(write.id(), stored(write, write.data(), 0));
 *         return write.id();
 *     }
 *     StoredSession current = sessions.get(previous.id());
 *     if (current == null) {
 *         return null;                                   // deleted meanwhile: do not bring it back
 *     }
 *     SessionWrite applied = (current.version() == previous.version()) ? write : write.rebasedOn(current, codec);
 *     if (applied == null) {
 *         return null;                                   // a forwarding entry now: the caller follows it
 *     }
 *     sessions.remove(previous.id());                    // the id may have changed (write.isRotation())
 *     sessions.put(write.id(), stored(write, applied.data(), current.version() + 1));
 *     return write.id();
 * }
 * }</pre> (A real store does the check and the write atomically, and treats a
 * {@code !write.dataChanged()} write as the cheaper refresh described at {@link #save}.)
 *
 * <p>
 * Implementations are thread-safe. Failures to reach the backing service throw
 * {@link SessionStoreException}; bad tokens are not failures and load as {@code null}.
 */
public interface SessionStore {

    /**
     * The session the token names, or {@code null} when it names none: unknown,
     * malformed, tampered with or sealed with an unknown key. Expiry is checked by the
     * caller.
     */
    @Nullable StoredSession load(String token);

    /**
     * Writes the session and returns the token for the cookie, or {@code null} when it
     * was not written:
     * <ul>
     * <li>{@code write.isNew()}: store it under {@code write.id()} with version 0.
     * <li>Otherwise, if the session under {@code write.previous().id()} is still at
     * {@code previous().version()}, replace it by {@code write.data()} (under
     * {@code write.id()}, which differs on a rotation) and count the version up. If
     * another request changed it meanwhile, re-apply this request's changes onto the
     * fresh copy ({@link SessionWrite#rebasedOn} or {@link SessionWrite#replayOnto}) and
     * write that; if those answer {@code null} the session moved to a new id meanwhile:
     * write nothing and return {@code null}.
     * <li>If the session was deleted meanwhile (another request invalidated it), return
     * {@code null}: a late request must not bring it back.
     * <li>A write that only refreshes the access time ({@code !write.dataChanged()})
     * needs no version check and must not count the version up; it only moves the access
     * time forward. It returns {@code null} when it was not applied because the session
     * is gone, moved to another id, or another request refreshed it later: the caller
     * then leaves the visitor's cookie as it is, since re-sending this id could overwrite
     * a newer one.
     * </ul>
     * A store that can hold only so much throws {@link SessionTooLargeException} and
     * writes nothing.
     */
    @Nullable String save(SessionWrite write);

    /** Deletes the session; harmless when it is gone already. */
    void delete(StoredSession session);

    /**
     * Moves a session to a new id like {@link #save} (where {@code move.isRotation()}),
     * and leaves {@code forward} under the previous id, so that requests already sent
     * with the old cookie still find the session for a grace period. Periodic id rotation
     * calls this; rotation at log-in does not.
     * <p>
     * Returns the token for the cookie, or {@code null} when the stored session is not
     * the version {@code move} was based on any more (changed, moved or deleted by a
     * concurrent request): the caller then reloads it and decides. A store should do both
     * writes at once, only if the version still matches, and give the forwarding entry
     * the next version, so that a late writer that loaded the previous one does not take
     * the entry for its session (see {@code InMemorySessionStore#rotate}). This default,
     * for any store, saves the move (re-applying its changes after a concurrent write, as
     * {@code save} does) and then, when {@link #findsSessionsById()}, the forwarding
     * entry as a new session: not atomic, and at version 0.
     * @param move the session under its new id, {@code move.previous()} as loaded
     * @param forward a new session under the previous id: the forwarding entry
     */
    default @Nullable String rotate(SessionWrite move, SessionWrite forward) {
        String token = save(move);
        if (token != null && findsSessionsById()) {
            save(forward);
        }
        return token;
    }

    /**
     * Whether the token this store returns is the session's id, so that what is saved
     * under an id is found again by it: {@code true} for stores that keep sessions on the
     * server. A store that carries the session in the token itself (the secure-cookie
     * store) answers {@code false}; periodic id rotation then leaves no forwarding entry,
     * since the previous token still opens the previous copy.
     */
    default boolean findsSessionsById() {
        return true;
    }

    /**
     * Whether {@code token} has the form of a token this store issues, so that one that
     * {@link #load loads} as {@code null} can be told apart as unknown or tampered with
     * rather than malformed, for metrics. By default, for a store that
     * {@link #findsSessionsById()}, whether it is a well-formed session id; otherwise
     * {@code true}.
     */
    default boolean isWellFormed(String token) {
        return !findsSessionsById() || SessionIds.isWellFormed(token);
    }

    /**
     * Whether {@link #delete} ends the session for every copy of its token, as for stores
     * that keep sessions on the server. A store that keeps nothing (the secure-cookie
     * store) answers {@code false}: a copy of the cookie still opens the session, so a
     * log-out also leaves an {@link EndMarker} in the browser.
     */
    default boolean revokesOnDelete() {
        return true;
    }

}
