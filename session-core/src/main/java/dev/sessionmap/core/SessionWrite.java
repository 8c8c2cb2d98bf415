package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * What one request asks a store to write.
 *
 * @param previous the session as loaded, or {@code null} for a new session
 * @param id the id to save under: differs from {@code previous.id()} when the id was rotated
 * @param data the complete data as this request sees it
 * @param changes this request's own changes, for a store that must re-apply them onto a fresher copy
 * @param createdAt when the session was first saved
 * @param lastAccessedAt now
 * @param expiresAt when the session stops being served
 * @param timeout the session's own idle timeout, or {@code null} for the configured one
 * @param dataChanged whether the data changed: {@code false} for a write that only refreshes the
 * access time, which must not conflict with concurrent writers
 */
public record SessionWrite(@Nullable StoredSession previous, String id, ObjectNode data, SessionChanges changes,
        Instant createdAt, Instant lastAccessedAt, Instant expiresAt, @Nullable Duration timeout, boolean dataChanged) {

    /** Whether this write creates the session. */
    public boolean isNew() {
        return this.previous == null;
    }

    /** Whether this write moves the session to a new id. */
    public boolean isRotation() {
        return this.previous != null && !this.previous.id().equals(this.id);
    }
}
