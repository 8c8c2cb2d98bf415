package dev.sessionmap.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.sessionmap.core.PurgeBatch;
import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.PurgedSession;
import dev.sessionmap.core.SessionExpiredEvent;
import dev.sessionmap.core.SessionListener;

/**
 * Deletes expired sessions from a server-side store, on a schedule, in bounded batches
 * that each run in their own short transaction, so a table with millions of expired rows
 * never takes one long lock and a run that is stopped is simply resumed by the next.
 *
 * <p>
 * The purger schedules itself on its own single daemon thread while the application
 * context runs: it needs no {@code @EnableScheduling} and does not enable scheduling for
 * the application's own {@code @Scheduled} beans (a {@code @Scheduled} method here would
 * either need the application's {@code @EnableScheduling} or run twice when it is
 * present). Expired sessions are never served anyway; the purge reclaims their space and
 * tells the {@link SessionListener} of each session it deleted with a
 * {@link SessionExpiredEvent}, after its batch committed: exactly once per session
 * however many nodes purge, as the store reports only what its own call deleted. Call
 * {@link #purge()} to run it now.
 */
public class SessionPurger implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(SessionPurger.class);

    private final PurgeableSessionStore store;

    private final Clock clock;

    private final int batchSize;

    private final @Nullable Trigger trigger;

    private final List<SessionPurgeListener> listeners;

    private final SessionListener sessionListener;

    private volatile @Nullable ThreadPoolTaskScheduler scheduler;

    private volatile @Nullable ScheduledFuture<?> scheduled;

    private volatile boolean running;

    private volatile boolean stopping;

    /**
     * A purger that publishes no events.
     * @param batchSize the most sessions deleted in one transaction
     * @param trigger when to run, or {@code null} to run only when {@link #purge()} is
     * called
     * @param listeners told about every run
     */
    public SessionPurger(PurgeableSessionStore store, Clock clock, int batchSize, @Nullable Trigger trigger,
            List<SessionPurgeListener> listeners) {
        this(store, clock, batchSize, trigger, listeners, SessionListener.NONE);
    }

    /**
     * @param batchSize the most sessions deleted in one transaction
     * @param trigger when to run, or {@code null} to run only when {@link #purge()} is
     * called
     * @param listeners told about every run
     * @param sessionListener told of every session purged, with a
     * {@link SessionExpiredEvent}
     */
    public SessionPurger(PurgeableSessionStore store, Clock clock, int batchSize, @Nullable Trigger trigger,
            List<SessionPurgeListener> listeners, SessionListener sessionListener) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "The purge batch size must be at least 1 (app.session.purge.batch-size)");
        }
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batchSize = batchSize;
        this.trigger = trigger;
        this.listeners = List.copyOf(listeners);
        this.sessionListener = Objects.requireNonNull(sessionListener, "sessionListener");
    }

    /**
     * Deletes every session that has expired by now, batch after batch, and returns how
     * many it deleted (forwarding entries, deleted too, are not counted). Logs one line.
     * A store failure is logged, not thrown: the next run resumes.
     */
    public synchronized int purge() {
        long started = System.nanoTime();
        Instant now = this.clock.instant();
        int total = 0;
        RuntimeException failure = null;
        try {
            PurgeBatch batch;
            do {
                batch = this.store.purgeExpired(now, this.batchSize);
                total += batch.sessions().size();
                for (PurgedSession session : batch.sessions()) {
                    this.sessionListener.onEvent(new SessionExpiredEvent(session.idHash(), session.principal(), now));
                }
            }
            while (batch.deleted() > 0 && !this.stopping);
        }
        catch (RuntimeException ex) {
            failure = ex;
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        if (failure != null) {
            logger.error("Session purge failed after removing {} expired sessions in {} ms; the next run resumes: {}",
                    total, duration.toMillis(), failure.getMessage(), failure);
        }
        else {
            logger.info("Purged {} expired sessions in {} ms", total, duration.toMillis());
        }
        for (SessionPurgeListener listener : this.listeners) {
            listener.purged(total, duration);
        }
        return total;
    }

    @Override
    public void start() {
        this.stopping = false;
        Trigger trigger = this.trigger;
        if (trigger != null) {
            ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
            scheduler.setPoolSize(1);
            scheduler.setThreadNamePrefix("sessionmap-purge-");
            scheduler.setDaemon(true);
            // On shutdown the running batch finishes (the loop stops after it) instead of
            // being interrupted.
            scheduler.setWaitForTasksToCompleteOnShutdown(true);
            scheduler.setAwaitTerminationSeconds(30);
            scheduler.initialize();
            this.scheduled = scheduler.schedule(this::purge, trigger);
            this.scheduler = scheduler;
        }
        this.running = true;
    }

    @Override
    public void stop() {
        this.stopping = true;
        ScheduledFuture<?> scheduled = this.scheduled;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        ThreadPoolTaskScheduler scheduler = this.scheduler;
        if (scheduler != null) {
            scheduler.shutdown();
        }
        this.scheduled = null;
        this.scheduler = null;
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /**
     * Whether runs are scheduled, as opposed to run only when {@link #purge()} is called.
     */
    public boolean isScheduled() {
        return this.trigger != null;
    }

}
