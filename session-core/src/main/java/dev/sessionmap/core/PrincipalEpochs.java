package dev.sessionmap.core;

/**
 * A counter per user, for revoking sessions a store does not keep (the secure cookie): a
 * session records the user's epoch when the user logs in, and loads only while the epoch
 * is still the same. "Log out everywhere" advances it, so every session logged in before
 * is refused on every node: at once, or within the window of a
 * {@link CachingPrincipalEpochs} on nodes other than the one that advanced it. Kept in
 * the application's database or Redis.
 *
 * <p>
 * Implementations are thread-safe; failures to reach where epochs are kept throw
 * {@link SessionStoreException}, so a session that cannot be checked is not served.
 */
public interface PrincipalEpochs {

    /** The user's current epoch; 0 for a user whose sessions were never revoked. */
    long current(String principal);

    /**
     * The user's epoch as kept now, never from a cache: read when a session is logged in,
     * since a stale epoch sealed into a new session would have it refused once the caches
     * catch up. By default {@link #current}.
     */
    default long latest(String principal) {
        return current(principal);
    }

    /**
     * Advances the user's epoch and returns the new one: every session that recorded an
     * earlier one stops loading.
     */
    long advance(String principal);

}
