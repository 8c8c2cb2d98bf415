package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link TrackedSessionMap} asks of the request's session life, which owns loading, saving and the
 * library's records: the loaded contents, and the operations on the session as a whole. Each loads the session
 * first if it was not loaded yet.
 */
interface SessionBacking {

    /** The session's contents, loaded on first use; empty for a new session. */
    SessionState state();

    boolean isNew();

    void invalidate();

    void rotateId();

    void setTimeout(@Nullable Duration timeout);

    Duration timeout();

    Instant createdAt();

    Instant lastAccessedAt();

    Instant expiresAt();

    /** Whether a session's cookie is kept only until the browser closes when the session did not choose. */
    boolean expireAtBrowserCloseByDefault();

    void save();
}
