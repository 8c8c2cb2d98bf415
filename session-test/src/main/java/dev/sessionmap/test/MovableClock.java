package dev.sessionmap.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until the test moves it, so expiry, touch intervals and id
 * rotation are tested without sleeping. Declare it as the application's {@code Clock}
 * bean; sessionmap takes every time from it.
 *
 * <pre>{@code
 * &#64;TestConfiguration
 * static class Time {
 *

&#64;Bean
 *     MovableClock clock() {
 *         return new MovableClock();
 *     }
 * }
 * // in a test: clock.advance(Duration.ofDays(15)); the session has expired
 * }</pre>
 *
 * <p>
 * Thread-safe: the application's request threads read it while the test moves it.
 */
public final class MovableClock extends Clock {

    private volatile Instant now;

    /** A clock standing at the moment it is made. */
    public MovableClock() {
        this(Instant.now());
    }

    /** A clock standing at {@code start}. */
    public MovableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        this.now = this.now.plus(duration);
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        this.now = instant;
    }

    @Override
    public Instant instant() {
        return this.now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

}
