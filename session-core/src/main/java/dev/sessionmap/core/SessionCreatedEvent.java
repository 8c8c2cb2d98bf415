package dev.sessionmap.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A session was stored for the first time.
 *
 * @param sessionId the hash of the session's id
 * @param principal the user it belonged to, or {@code null}
 * @param at when it happened
 */
public record SessionCreatedEvent(String sessionId, @Nullable String principal, Instant at) implements SessionEvent {
}
