package dev.sessionmap.core;

import java.time.Instant;

/**
 * A store that keeps sessions on the server, where the id in the cookie names them, so
 * that admin code can look sessions up by id and count them (see {@link SessionAdmin}).
 */
public interface ServerSessionStore extends SessionStore {

    /** How many stored sessions have not expired at {@code now}. */
    long count(Instant now);

}
