package dev.sessionmap.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A session's own idle timeout, kept with it in place of the configured one, and whether
 * this request changed it.
 */
final class OwnTimeout {

    private @Nullable Duration value;

    private boolean changed;

    /** Takes the timeout {@code session} was stored with, or none for a new session. */
    void load(@Nullable StoredSession session) {
        this.value = (session != null) ? session.timeout() : null;
    }

    /** {@code null} returns to the configured timeout. */
    void set(@Nullable Duration timeout) {
        this.value = timeout;
        this.changed = true;
    }

    @Nullable Duration value() {
        return this.value;
    }

    Duration orElse(Duration configured) {
        return (this.value != null) ? this.value : configured;
    }

    boolean isChanged() {
        return this.changed;
    }

    /** The change was written. */
    void saved() {
        this.changed = false;
    }

    /** The session was invalidated: back to the configured timeout, nothing to write. */
    void reset() {
        this.value = null;
        this.changed = false;
    }

}
