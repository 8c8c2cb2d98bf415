package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/** What a {@link TrackedSessionMap} asks of the request's session life: its data, and the operations on the session as a whole. */
interface SessionBacking {

    /** The stored data, loaded on first use; empty for a new session. */
    ObjectNode load();

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
