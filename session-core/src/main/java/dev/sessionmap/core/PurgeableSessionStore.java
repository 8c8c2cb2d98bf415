package dev.sessionmap.core;

import java.time.Instant;
import java.util.List;

/**
 * A store that keeps sessions on the server and so must delete the expired ones itself.
 */
public interface PurgeableSessionStore extends SessionStore {

    /**
     * Deletes at most {@code limit} sessions that expired before {@code now}, in one
     * short transaction, and returns exactly those this call deleted: a session that
     * another node's purge deleted first, or that a request revived, is not among them,
     * so however many nodes purge at once each expired session is reported once.
     * Forwarding entries left by periodic rotation are deleted too but not reported, as
     * they are not sessions.
     */
    List<PurgedSession> purgeExpired(Instant now, int limit);

}
