package dev.sessionmap.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A session expired and its store purged it; published once per session, by the node
 * whose purge deleted it, however many nodes purge.
 *
 * @param sessionId the hash of the session's id
 * @param principal the user it belonged to, or {@code null}
 * @param at when it happened
 */
public record SessionExpiredEvent(String sessionId, @Nullable String principal, Instant at) implements SessionEvent {
}
