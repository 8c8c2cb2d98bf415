package dev.sessionmap.core;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The rules every store shares: expiry, when a session is written, periodic id rotation
 * and binding to the client. Start from the expiry rules and add the rest with the
 * {@code with...} methods.
 *
 * @param idleTimeout how long a session lives after its last use
 * @param absoluteTimeout how long a session lives after its creation, however busy;
 * {@code null} for no limit
 * @param touchInterval how old the last-access time must be before a request that only
 * reads refreshes it, so reads stay read-only
 * @param saveEveryRequest whether every request that uses the session writes it and
 * re-sends the cookie
 * @param rotateIdEvery how long an id is used before a request gets the session a new
 * one, or {@code null} never
 * @param rotateIdGracePeriod how long an id replaced by periodic rotation still leads to
 * the session
 * @param bindToUserAgent whether a session is served only to the user agent it was
 * created for
 * @param bindToAddress whether a session is served only to the client address it was
 * created for
 * @param expireAtBrowserClose whether a session's cookie is, unless the session chose
 * otherwise, kept only until the browser closes
 */
public record SessionSettings(Duration idleTimeout, @Nullable Duration absoluteTimeout, Duration touchInterval,
        boolean saveEveryRequest, @Nullable Duration rotateIdEvery, Duration rotateIdGracePeriod,
        boolean bindToUserAgent, boolean bindToAddress, boolean expireAtBrowserClose) {

    /** The default grace period of an id replaced by periodic rotation. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

    /**
     * The latest expiry sessionmap computes; stores keep times as epoch milliseconds,
     * which end long after this.
     */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** The earliest time sessionmap computes, the mirror of {@link #LATEST}. */
    static final Instant EARLIEST = Instant.parse("-9999-01-01T00:00:00Z");

    public SessionSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(touchInterval, "touchInterval");
        Objects.requireNonNull(rotateIdGracePeriod, "rotateIdGracePeriod");
        if (!isPositive(idleTimeout)) {
            throw new IllegalArgumentException("The idle timeout must be positive");
        }
        if (rotateIdEvery != null && !isPositive(rotateIdEvery)) {
            throw new IllegalArgumentException("The id rotation period must be positive");
        }
        if (rotateIdGracePeriod.isNegative()) {
            throw new IllegalArgumentException("The id rotation grace period must not be negative");
        }
    }

    /** The expiry rules alone: no forced saves, no id rotation, no binding. */
    public SessionSettings(Duration idleTimeout, @Nullable Duration absoluteTimeout, Duration touchInterval) {
        this(idleTimeout, absoluteTimeout, touchInterval, false, null, DEFAULT_GRACE_PERIOD, false, false, false);
    }

    /** These settings, with every request that uses the session writing it (or not). */
    public SessionSettings withSaveEveryRequest(boolean saveEveryRequest) {
        return new SessionSettings(this.idleTimeout, this.absoluteTimeout, this.touchInterval, saveEveryRequest,
                this.rotateIdEvery, this.rotateIdGracePeriod, this.bindToUserAgent, this.bindToAddress,
                this.expireAtBrowserClose);
    }

    /**
     * These settings, with the id replaced every {@code every} ({@code null}: never) and
     * the old one honoured for {@code gracePeriod}.
     */
    public SessionSettings withIdRotation(@Nullable Duration every, Duration gracePeriod) {
        return new SessionSettings(this.idleTimeout, this.absoluteTimeout, this.touchInterval, this.saveEveryRequest,
                every, gracePeriod, this.bindToUserAgent, this.bindToAddress, this.expireAtBrowserClose);
    }

    /**
     * These settings, with sessions bound to the user agent and/or the client address
     * they were created for.
     */
    public SessionSettings withBinding(boolean userAgent, boolean address) {
        return new SessionSettings(this.idleTimeout, this.absoluteTimeout, this.touchInterval, this.saveEveryRequest,
                this.rotateIdEvery, this.rotateIdGracePeriod, userAgent, address, this.expireAtBrowserClose);
    }

    /**
     * These settings, with sessions' cookies kept only until the browser closes unless a
     * session chooses otherwise (or not).
     */
    public SessionSettings withExpireAtBrowserClose(boolean expireAtBrowserClose) {
        return new SessionSettings(this.idleTimeout, this.absoluteTimeout, this.touchInterval, this.saveEveryRequest,
                this.rotateIdEvery, this.rotateIdGracePeriod, this.bindToUserAgent, this.bindToAddress,
                expireAtBrowserClose);
    }

    /** When a session created at {@code createdAt}, used at {@code now}, expires. */
    public Instant expiry(Instant createdAt, Instant now, @Nullable Duration ownTimeout) {
        Instant idle = plus(now, (ownTimeout != null) ? ownTimeout : this.idleTimeout);
        if (this.absoluteTimeout == null) {
            return idle;
        }
        Instant absolute = plus(createdAt, this.absoluteTimeout);
        return absolute.isBefore(idle) ? absolute : idle;
    }

    /**
     * Whether a loaded session can no longer be served at {@code now}: see
     * {@link #expiresAt(StoredSession)}.
     */
    public boolean isExpired(StoredSession session, Instant now) {
        return !now.isBefore(expiresAt(session));
    }

    /**
     * When a loaded session stops being served: the earliest of its stored expiry, its
     * last access plus its own timeout (or the configured one), and its creation plus the
     * absolute timeout. Judging idleness from the last access, not only by the stored
     * expiry, makes a shorter timeout, the session's own or the configured one, apply at
     * once on every store, whatever expiry a store recorded before.
     */
    public Instant expiresAt(StoredSession session) {
        Duration idle = (session.timeout() != null) ? session.timeout() : this.idleTimeout;
        Instant expiresAt = earliest(session.expiresAt(), plus(session.lastAccessedAt(), idle));
        return (this.absoluteTimeout != null) ? earliest(expiresAt, plus(session.createdAt(), this.absoluteTimeout))
                : expiresAt;
    }

    /**
     * Whether an id given out at {@code issuedAt} is due to be replaced at {@code now}.
     */
    public boolean isRotationDue(Instant issuedAt, Instant now) {
        return this.rotateIdEvery != null && !now.isBefore(plus(issuedAt, this.rotateIdEvery));
    }

    /**
     * {@code instant + duration}, kept between {@link #EARLIEST} and {@link #LATEST}: a
     * time stored by hand or by a bug (a timeout of millions of years, say) must give an
     * expiry, not an overflow that fails the request.
     */
    static Instant plus(Instant instant, Duration duration) {
        try {
            Instant sum = instant.plus(duration);
            return sum.isAfter(LATEST) ? LATEST : sum.isBefore(EARLIEST) ? EARLIEST : sum;
        }
        catch (DateTimeException | ArithmeticException ex) {
            return duration.isNegative() ? EARLIEST : LATEST;
        }
    }

    private static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
