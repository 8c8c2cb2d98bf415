package dev.sessionmap.autoconfigure;

import java.time.Duration;

/** Hears about every run of the {@link SessionPurger}, for example to record metrics. */
@FunctionalInterface
public interface SessionPurgeListener {

    /** One run removed {@code count} expired sessions in {@code duration}. */
    void purged(int count, Duration duration);

}
