package dev.sessionmap.core;

import java.time.Instant;

/**
 * A store that keeps sessions on the server and so must delete the expired ones itself.
 */
public interface PurgeableSessionStore extends SessionStore {

    /**
     * Deletes at most {@code limit} sessions that expired before {@code now}, in one
     * short transaction, and returns how many it deleted.
     */
    int purgeExpired(Instant now, int limit);

}
