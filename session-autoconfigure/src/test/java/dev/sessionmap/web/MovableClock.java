package dev.sessionmap.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus an offset a test can move forward, instead of sleeping. */
final class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    void advance(Duration duration) {
        this.offset = this.offset.plus(duration);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(this.offset);
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
