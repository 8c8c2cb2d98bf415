package dev.sessionmap.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@value #NAME}: how many sessions a server store holds, counted at most once
 * per {@link #REFRESH} per instance however often it is read. A read shows the last count
 * ({@code NaN} before the first) and, when that is older than a minute, starts a new
 * count in the background, so a slow count never holds up a scrape.
 */
public class LiveSessionsGauge {

    /** The gauge's name. */
    public static final String NAME = "sessionmap.sessions.live";

    /** The shortest time between two counts. */
    public static final Duration REFRESH = Duration.ofMinutes(1);

    private static final Logger logger = LoggerFactory.getLogger(LiveSessionsGauge.class);

    private final LongSupplier count;

    private final Clock clock;

    private final Executor executor;

    private final AtomicBoolean counting = new AtomicBoolean();

    private volatile long nextCountAt = Long.MIN_VALUE;

    private volatile double value = Double.NaN;

    /**
     * @param count counts the live sessions (one query)
     * @param executor runs the counts
     */
    public LiveSessionsGauge(MeterRegistry registry, String store, LongSupplier count, Clock clock, Executor executor) {
        this.count = count;
        this.clock = clock;
        this.executor = executor;
        Gauge.builder(NAME, this, LiveSessionsGauge::value)
            .description("Sessions in the store that have not expired, counted at most once a minute")
            .baseUnit("sessions")
            .tag("store", store)
            .strongReference(true)
            .register(registry);
    }

    /** The last count, after starting a new one if it is over a minute old. */
    double value() {
        long now = this.clock.millis();
        if (now >= this.nextCountAt && this.counting.compareAndSet(false, true)) {
            this.nextCountAt = now + REFRESH.toMillis();
            try {
                this.executor.execute(this::count);
            }
            catch (RuntimeException ex) {
                this.counting.set(false);
                logger.debug("Could not start counting sessions", ex);
            }
        }
        return this.value;
    }

    private void count() {
        try {
            this.value = this.count.getAsLong();
        }
        catch (RuntimeException ex) {
            logger.debug("Could not count the sessions; the gauge keeps its last value", ex);
        }
        finally {
            this.counting.set(false);
        }
    }

}
