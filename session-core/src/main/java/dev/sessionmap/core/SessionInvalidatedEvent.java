package dev.sessionmap.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A session was ended on purpose: a log-out, or a revocation (a user's session deleted
 * from a list of their sessions, "log out everywhere").
 *
 * @param sessionId the hash of the session's id
 * @param principal the user it belonged to, or {@code null}
 * @param at when it happened
 */
public record SessionInvalidatedEvent(String sessionId, @Nullable String principal,
        Instant at) implements SessionEvent {
}
