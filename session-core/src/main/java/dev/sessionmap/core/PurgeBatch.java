package dev.sessionmap.core;

import java.util.List;
import java.util.Objects;

/**
 * What one call of {@link PurgeableSessionStore#purgeExpired} deleted.
 *
 * @param deleted how many entries the call dealt with: those it deleted, forwarding
 * entries included, and those it found due but still alive and set aside until they
 * expire (the datastore's purge index lags the expiry time): zero only when it found
 * nothing left to do, which is when a purge stops (a batch of forwarding entries or live
 * rows alone reports no session but must not stop it)
 * @param sessions the sessions among them, each with its user: exactly those this call
 * deleted
 */
public record PurgeBatch(int deleted, List<PurgedSession> sessions) {

    /** Nothing expired was left. */
    public static final PurgeBatch NONE = new PurgeBatch(0, List.of());

    public PurgeBatch {
        sessions = List.copyOf(Objects.requireNonNull(sessions, "sessions"));
        if (deleted < sessions.size()) {
            throw new IllegalArgumentException(
                    "A batch cannot report " + sessions.size() + " sessions but delete only " + deleted);
        }
    }

}
