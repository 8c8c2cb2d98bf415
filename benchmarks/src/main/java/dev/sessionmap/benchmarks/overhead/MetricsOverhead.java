package dev.sessionmap.benchmarks.overhead;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.metrics.ObservedSessionStore;
import dev.sessionmap.metrics.SessionEventMetrics;
import dev.sessionmap.metrics.SessionSizes;
import dev.sessionmap.metrics.TimedSessionStore;

/**
 * The {@code /counter} request's session work (load, read, put, save) with sessionmap's
 * metrics off and on, on a store that parses and writes JSON text as the datastore does
 * but has no database, in one JVM: the two alternate in rounds, and each round is timed
 * in this thread's CPU time, which other processes on a busy machine do not inflate.
 * Prints the median and quartiles of each, and what each adds to the same round's run
 * with the metrics off.
 * {@code java -jar benchmarks-apps.jar metrics-overhead [rounds] [requests per round]}.
 */
public final class MetricsOverhead {

    private MetricsOverhead() {
    }

    public static void main(String[] args) {
        int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
        int perRound = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
        SessionCodec codec = SessionCodec.withDefaults();
        SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        JsonTextStore store = new JsonTextStore(codec, clock.instant());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // As Spring Boot sets it up: an observation registry whose meter handler makes a
        // timer
        // and a long-task timer of every observation.
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        // With management.metrics.observations.ignored-meters=long-task-timer.
        SimpleMeterRegistry timerMeters = new SimpleMeterRegistry();
        ObservationRegistry timerObservations = ObservationRegistry.create();
        timerObservations.observationConfig()
            .observationHandler(new DefaultMeterObservationHandler(timerMeters,
                    DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER));
        SessionHooks counted = new SessionHooks(new SessionEventMetrics(meters), null);
        Map<String, Request> variants = new LinkedHashMap<>();
        variants.put("metrics off", () -> counter(store, codec, settings, clock, SessionHooks.NONE));
        variants.put("proxy only (no registry)",
                request(new ObservedSessionStore(store, "datastore", ObservationRegistry.NOOP, null, null).proxy(),
                        codec, settings, clock, SessionHooks.NONE));
        variants.put("proxy and sizes",
                request(new ObservedSessionStore(store, "datastore", ObservationRegistry.NOOP, null,
                        new SessionSizes(new SimpleMeterRegistry(), "datastore", false, codec))
                    .proxy(), codec, settings, clock, SessionHooks.NONE));
        ObservationRegistry handlerOnly = ObservationRegistry.create();
        handlerOnly.observationConfig().observationHandler((context) -> true);
        variants.put("observations to a handler that does nothing",
                request(new ObservedSessionStore(store, "datastore", handlerOnly, null, null).proxy(), codec, settings,
                        clock, SessionHooks.NONE));
        SimpleMeterRegistry plainMeters = new SimpleMeterRegistry();
        variants.put("metrics on, no tracing (timers recorded directly)",
                request(new TimedSessionStore(store, "datastore", plainMeters,
                        new SessionSizes(plainMeters, "datastore", false, codec))
                    .proxy(), codec, settings, clock, new SessionHooks(new SessionEventMetrics(plainMeters), null)));
        variants.put("observations, Boot's handler without long-task timers",
                request(new ObservedSessionStore(store, "datastore", timerObservations, null,
                        new SessionSizes(timerMeters, "datastore", false, codec))
                    .proxy(), codec, settings, clock, counted));
        variants
            .put("observations, Boot's handler as by default",
                    request(new ObservedSessionStore(store, "datastore", observations, null,
                            new SessionSizes(meters, "datastore", false, codec))
                        .proxy(), codec, settings, clock, counted));
        List<String> names = new ArrayList<>(variants.keySet());
        for (int i = 0; i < 200_000; i++) {
            variants.values().forEach(Request::run);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        names.forEach((name) -> nanos.put(name, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            // Each round starts with another variant, so none always runs first.
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((round + k) % names.size());
                Request request = variants.get(name);
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < perRound; i++) {
                    request.run();
                }
                nanos.get(name).add((double) (threads.getCurrentThreadCpuTime() - start) / perRound);
            }
        }
        List<Double> off = nanos.get("metrics off");
        System.out.printf(Locale.ROOT, "CPU ns per /counter session work, %d rounds of %d requests each%n", rounds,
                perRound);
        for (String name : names) {
            List<Double> values = nanos.get(name);
            List<Double> added = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                added.add(values.get(i) - off.get(i));
            }
            print(name, values, added);
        }
    }

    private static Request request(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            SessionHooks hooks) {
        return () -> counter(store, codec, settings, clock, hooks);
    }

    private static CookieUpdate counter(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            SessionHooks hooks) {
        SessionLifecycle lifecycle = new SessionLifecycle(store, codec, settings, clock,
                () -> List.of(JsonTextStore.TOKEN), List::of, dev.sessionmap.core.SessionClient.UNKNOWN, hooks);
        int count = lifecycle.map().get("count", 0);
        lifecycle.map().put("count", count + 1);
        return lifecycle.finish(false);
    }

    private static void print(String label, List<Double> nanos, List<Double> added) {
        List<Double> sorted = nanos.stream().sorted().toList();
        List<Double> sortedAdded = added.stream().sorted().toList();
        System.out.printf(Locale.ROOT,
                "%-52s median %5.0f ns (quartiles %5.0f-%5.0f)   added %5.0f ns (quartiles %5.0f-%5.0f)%n", label,
                quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75), quantile(sortedAdded, 0.5),
                quantile(sortedAdded, 0.25), quantile(sortedAdded, 0.75));
    }

    private static double quantile(List<Double> sorted, double q) {
        double index = q * (sorted.size() - 1);
        int low = (int) Math.floor(index);
        int high = (int) Math.ceil(index);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (index - low);
    }

    @FunctionalInterface
    private interface Request {

        void run();

    }

    /**
     * Parses one stored JSON text on load and writes the data as JSON text on save, as
     * the datastore store does, without the database.
     */
    static final class JsonTextStore implements SessionStore {

        static final String TOKEN = "x".repeat(43);

        private final SessionCodec codec;

        private final Instant now;

        private String json = "{\"count\":0,\"name\":\"ann\",\"theme\":\"dark\"}";

        JsonTextStore(SessionCodec codec, Instant now) {
            this.codec = codec;
            this.now = now;
        }

        @Override
        public StoredSession load(String token) {
            return new StoredSession(token, this.codec.parse(this.json), this.now, this.now,
                    this.now.plus(Duration.ofDays(14)), null, 1);
        }

        @Override
        public @Nullable String save(SessionWrite write) {
            this.json = this.codec.write(write.data());
            return write.id();
        }

        @Override
        public void delete(StoredSession session) {
        }

    }

}
