package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * A session as a store loaded it.
 *
 * @param id the session's identity inside its store (the cookie's id for server-side stores)
 * @param data the values, one JSON property per key
 * @param createdAt when the session was first saved
 * @param lastAccessedAt when a request last refreshed it
 * @param expiresAt when it stops being served
 * @param timeout the session's own idle timeout, or {@code null} for the configured one
 * @param version the store's optimistic-locking version
 * @param resave whether the store wants it written again even if nothing changed (for example a
 * cookie sealed with a previous secret)
 */
public record StoredSession(String id, ObjectNode data, Instant createdAt, Instant lastAccessedAt, Instant expiresAt,
        @Nullable Duration timeout, long version, boolean resave) {
}
