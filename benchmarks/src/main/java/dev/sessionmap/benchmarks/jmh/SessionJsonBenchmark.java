package dev.sessionmap.benchmarks.jmh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionSettings;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session's JSON work through sessionmap's real code paths ({@link SessionCodec},
 * {@link SessionLifecycle} and the {@link SessionMap} it hands out), for a session of ten
 * small values and for one of about 3 KB. The store only parses and writes JSON text, as
 * the datastore store does, so the figures leave out the database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SessionJsonBenchmark {

    /** "small": ten small values; "3kb": the same plus a cart, about 3 KB of JSON. */
    @Param({ "small", "3kb" })
    public String session;

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.parse("2025-01-01T00:00:00Z");

    private final Clock clock = Clock.fixed(this.now, ZoneOffset.UTC);

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private final String token = SessionIds.generate();

    private Map<String, Object> values = Map.of();

    private String storedJson = "";

    private ObjectNode storedData = this.codec.newData();

    private RecordingSessionStore store = new RecordingSessionStore(this.codec, "{}", this.now);

    @Setup(Level.Trial)
    public void createSession() {
        this.values = "small".equals(this.session) ? SessionFixtures.small() : largeValues();
        this.store = new RecordingSessionStore(this.codec, "{}", this.now);
        newSession();
        String json = this.store.lastWritten();
        if (json == null) {
            throw new IllegalStateException("Creating the session wrote nothing");
        }
        this.storedJson = json;
        this.storedData = this.codec.parse(json);
        this.store.store(json);
        System.out.println(
                "Session '" + this.session + "': " + this.values.size() + " keys, " + json.length() + " bytes of JSON");
    }

    private Map<String, Object> largeValues() {
        for (int items = 1;; items++) {
            Map<String, Object> candidate = SessionFixtures.withCart(items);
            ObjectNode data = this.codec.newData();
            candidate.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
            if (this.codec.write(data).length() >= SessionFixtures.LARGE_MIN_BYTES) {
                return candidate;
            }
        }
    }

    /** The stored JSON text to the data tree: the decoding every loading request does. */
    @Benchmark
    public ObjectNode parse() {
        return this.codec.parse(this.storedJson);
    }

    /** The data tree to JSON text: the encoding every saving request does. */
    @Benchmark
    public String write() {
        return this.codec.write(this.storedData);
    }

    /**
     * A new session: every value put (encoded to JSON) and the session saved (written as
     * text).
     */
    @Benchmark
    public CookieUpdate newSession() {
        SessionLifecycle lifecycle = new SessionLifecycle(this.store, this.codec, this.settings, this.clock, null);
        lifecycle.map().putAll(this.values);
        return lifecycle.finish(false);
    }

    /**
     * A request that reads every value: load (parse), decode each value to Java types, no
     * write.
     */
    @Benchmark
    public CookieUpdate readAllValues(Blackhole blackhole) {
        SessionLifecycle lifecycle = new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                this.token);
        for (Object value : lifecycle.map().values()) {
            blackhole.consume(value);
        }
        return lifecycle.finish(false);
    }

    /**
     * The /counter request: load, read the count, put count + 1, save the whole session.
     */
    @Benchmark
    public CookieUpdate counter() {
        SessionLifecycle lifecycle = new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                this.token);
        SessionMap map = lifecycle.map();
        map.put("count", map.get("count", 0) + 1);
        return lifecycle.finish(false);
    }

}
