package dev.sessionmap.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a session, published after the store write that made it
 * succeeded (never for a write that failed): {@link SessionCreatedEvent},
 * {@link SessionInvalidatedEvent}, {@link SessionIdChangedEvent},
 * {@link SessionExpiredEvent}. Sessions are named by the {@linkplain SessionIds#hash
 * SHA-256 of their id}, which {@code HttpSession.getId()} shows too: safe to log, it
 * cannot be used as a cookie.
 */
public sealed interface SessionEvent
        permits SessionCreatedEvent, SessionInvalidatedEvent, SessionIdChangedEvent, SessionExpiredEvent {

    /** The hash of the session's id (the new one, for {@link SessionIdChangedEvent}). */
    String sessionId();

    /** The user the session belonged to, or {@code null} for an anonymous session. */
    @Nullable String principal();

    /** When it happened. */
    Instant at();

}
