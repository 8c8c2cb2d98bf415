package dev.sessionmap.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A session moved to a new id: at log-in, on {@link SessionMap#rotateId()} or by periodic
 * rotation.
 *
 * @param sessionId the hash of the new id
 * @param previousSessionId the hash of the id it had before
 * @param principal the user it belongs to, or {@code null}
 * @param at when it happened
 */
public record SessionIdChangedEvent(String sessionId, String previousSessionId, @Nullable String principal,
        Instant at) implements SessionEvent {
}
