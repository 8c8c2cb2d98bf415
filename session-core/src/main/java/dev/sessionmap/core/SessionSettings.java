package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The expiry rules every store shares.
 *
 * @param idleTimeout how long a session lives after its last use
 * @param absoluteTimeout how long a session lives after its creation, however busy; {@code null} for no limit
 * @param touchInterval how old the last-access time must be before a request that only reads
 * refreshes it, so reads stay read-only
 */
public record SessionSettings(Duration idleTimeout, @Nullable Duration absoluteTimeout, Duration touchInterval) {

    public SessionSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(touchInterval, "touchInterval");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("The idle timeout must be positive");
        }
    }

    /** When a session created at {@code createdAt}, used at {@code now}, expires. */
    public Instant expiry(Instant createdAt, Instant now, @Nullable Duration ownTimeout) {
        Instant idle = now.plus((ownTimeout != null) ? ownTimeout : this.idleTimeout);
        if (this.absoluteTimeout == null) {
            return idle;
        }
        Instant absolute = createdAt.plus(this.absoluteTimeout);
        return absolute.isBefore(idle) ? absolute : idle;
    }

    /** Whether a loaded session can no longer be served at {@code now}. */
    public boolean isExpired(StoredSession session, Instant now) {
        return session.isExpired(now)
                || (this.absoluteTimeout != null && !now.isBefore(session.createdAt().plus(this.absoluteTimeout)));
    }
}
