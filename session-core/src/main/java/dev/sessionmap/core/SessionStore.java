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
     * deleted meanwhile (another request invalidated it): a late request must not bring it back.
     * A store that can hold only so much throws {@link SessionTooLargeException} and writes nothing.
     */
    @Nullable String save(SessionWrite write);

    /** Deletes the session; harmless when it is gone already. */
    void delete(StoredSession session);
}
