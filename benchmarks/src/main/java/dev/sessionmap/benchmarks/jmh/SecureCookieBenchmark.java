package dev.sessionmap.benchmarks.jmh;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
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

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.store.cookie.SecureCookieCodec;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * The secure-cookie store's hot path: AES-256-GCM seal and open of a session of ten small
 * values and of one near the 4096-byte cookie limit, and the whole {@code /counter}
 * request on that store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SecureCookieBenchmark {

    /**
     * The smallest session JSON that counts as "near the limit" (the default cookie
     * settings fit about 2.8 KB).
     */
    private static final int NEAR_LIMIT_MIN_BYTES = 2600;

    /**
     * "small": ten small values; "near-limit": the same plus a cart, about 2.6 KB of
     * JSON.
     */
    @Param({ "small", "near-limit" })
    public String session;

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private SecureCookieCodec sealer = new SecureCookieCodec(keys(), "sessionid");

    private SecureCookieSessionStore store = new SecureCookieSessionStore(this.sealer, this.codec, 120);

    private byte[] plaintext = new byte[0];

    private String sealed = "";

    private String cookie = "";

    @Setup(Level.Trial)
    public void seal() {
        this.sealer = new SecureCookieCodec(keys(), "sessionid");
        this.store = new SecureCookieSessionStore(this.sealer, this.codec, 120);
        Map<String, Object> values = "small".equals(this.session) ? SessionFixtures.small() : nearLimit();
        SessionLifecycle lifecycle = new SessionLifecycle(this.store, this.codec, this.settings, this.clock, null);
        lifecycle.map().putAll(values);
        CookieUpdate update = lifecycle.finish(false);
        if (update.value() == null) {
            throw new IllegalStateException("Creating the session set no cookie");
        }
        this.cookie = update.value();
        SecureCookieCodec.Opened opened = this.sealer.open(this.cookie);
        if (opened == null) {
            throw new IllegalStateException("The store's own cookie did not open");
        }
        this.plaintext = opened.plaintext();
        this.sealed = this.sealer.seal(this.plaintext);
        System.out.println("Session '" + this.session + "': " + values.size() + " keys, " + this.plaintext.length
                + " bytes sealed into a " + this.cookie.length() + "-character cookie");
    }

    private Map<String, Object> nearLimit() {
        for (int items = 1;; items++) {
            Map<String, Object> candidate = SessionFixtures.withCart(items);
            ObjectNode data = this.codec.newData();
            candidate.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
            if (this.codec.write(data).length() >= NEAR_LIMIT_MIN_BYTES) {
                return candidate;
            }
        }
    }

    private static SecureCookieKeys keys() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return SecureCookieKeys.of(Base64.getEncoder().encodeToString(secret), List.of());
    }

    /**
     * Seal then open: what one request that reads and writes the session pays for the
     * crypto.
     */
    @Benchmark
    public SecureCookieCodec.Opened sealAndOpen() {
        return this.sealer.open(this.sealer.seal(this.plaintext));
    }

    /** Encrypt and encode the session's payload. */
    @Benchmark
    public String sealOnly() {
        return this.sealer.seal(this.plaintext);
    }

    /** Decode and decrypt a cookie. */
    @Benchmark
    public SecureCookieCodec.Opened openOnly() {
        return this.sealer.open(this.sealed);
    }

    /**
     * The /counter request on the store: open and parse the cookie, count + 1, write and
     * seal the new cookie.
     */
    @Benchmark
    public CookieUpdate counter() {
        SessionLifecycle lifecycle = new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                this.cookie);
        SessionMap map = lifecycle.map();
        map.put("count", map.get("count", 0) + 1);
        return lifecycle.finish(false);
    }

}
