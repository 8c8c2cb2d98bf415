package dev.sessionmap.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * The purge as Micrometer meters: the counter {@value #COUNTER} (sessions removed) and
 * the timer {@value #TIMER} (one sample per run). Spring Boot binds it to the
 * application's registry.
 */
public class SessionPurgeMetrics implements MeterBinder, SessionPurgeListener {

    /** Expired sessions removed by the purge. */
    public static final String COUNTER = "sessionmap.purge.sessions";

    /** How long purge runs take. */
    public static final String TIMER = "sessionmap.purge";

    private volatile @Nullable Counter counter;

    private volatile @Nullable Timer timer;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.counter = Counter.builder(COUNTER).description("Expired sessions removed by the purge").register(registry);
        this.timer = Timer.builder(TIMER).description("Time taken by runs of the session purge").register(registry);
    }

    @Override
    public void purged(int count, Duration duration) {
        Counter counter = this.counter;
        Timer timer = this.timer;
        if (counter != null && timer != null) {
            counter.increment(count);
            timer.record(duration);
        }
    }

}
