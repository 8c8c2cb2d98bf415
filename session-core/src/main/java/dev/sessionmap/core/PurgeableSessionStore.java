package dev.sessionmap.core;

import java.time.Instant;

/**
 * A store that keeps sessions on the server and so must delete the expired ones itself.
 */
public interface PurgeableSessionStore extends SessionStore {

    /**
     * Deletes at most {@code limit} entries that expired before {@code now}, in one short
     * transaction, and reports exactly the sessions this call deleted: a session that
     * another node's purge deleted first, or that a request revived, is not among them,
     * so however many nodes purge at once each expired session is reported once.
     * Forwarding entries left by periodic rotation are deleted too and counted in
     * {@link PurgeBatch#deleted()}, but not reported, as they are not sessions.
     */
    PurgeBatch purgeExpired(Instant now, int limit);

}
