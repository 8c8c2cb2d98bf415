package dev.sessionmap.core;

/**
 * A counter per user, for revoking sessions a store does not keep (the secure cookie): a
 * session records the user's epoch when the user logs in, and loads only while the epoch
 * is still the same. "Log out everywhere" advances it, so every session logged in before
 * is refused at once, on every node. Kept in the application's database or Redis.
 */
public interface PrincipalEpochs {

    /** The user's current epoch; 0 for a user whose sessions were never revoked. */
    long current(String principal);

    /**
     * Advances the user's epoch and returns the new one: every session that recorded an
     * earlier one stops loading.
     */
    long advance(String principal);

}
