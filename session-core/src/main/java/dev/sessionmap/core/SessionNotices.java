package dev.sessionmap.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Tells the {@link SessionListener} what a request's writes did, once each write
 * succeeded.
 */
final class SessionNotices {

    private final SessionListener listener;

    SessionNotices(SessionListener listener) {
        this.listener = listener;
    }

    SessionListener listener() {
        return this.listener;
    }

    /** {@code write} was stored, {@code reapplied} times re-applied after conflicts. */
    void written(SessionWrite write, int reapplied, Instant now) {
        if (reapplied > 0) {
            this.listener.onWriteConflict(reapplied);
        }
        StoredSession previous = write.previous();
        if (previous == null) {
            this.listener.onEvent(new SessionCreatedEvent(SessionIds.hash(write.id()), write.principal(), now));
        }
        else if (write.isRotation()) {
            this.listener.onEvent(new SessionIdChangedEvent(SessionIds.hash(write.id()), SessionIds.hash(previous.id()),
                    write.principal(), now));
        }
    }

    /** {@code session} was deleted on purpose. */
    void invalidated(StoredSession session, Instant now) {
        this.listener.onEvent(new SessionInvalidatedEvent(SessionIds.hash(session.id()),
                SessionRecords.principalOf(session.data()), now));
    }

    void rejected(@Nullable RejectedToken reason) {
        if (reason != null) {
            this.listener.onRejected(reason);
        }
    }

}
