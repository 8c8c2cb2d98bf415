package dev.sessionmap.benchmarks.jmh;

import java.time.Clock;
import java.util.Objects;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.store.redis.RedisSessionStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * What waiting for replicas ({@code app.session.redis.wait-replicas}) costs one session
 * write: the session work of a request that changes one value (load, then save), with 0
 * (no {@code WAIT}) and 1 replica to wait for, from one thread. Redis is the primary
 * {@code SESSIONMAP_REDIS_URL} names, which needs a replica for the case with 1 (it fails
 * otherwise).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RedisReplicaWaitBenchmark {

    /** Replicas each write waits for. */
    @Param({ "0", "1" })
    public int replicas;

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private final Clock clock = Clock.systemUTC();

    private final String namespace = "sessionmap-bench-wait";

    private LettuceConnectionFactory factory;

    private RedisSessionStore store;

    private String id;

    private long count;

    @Setup
    public void connect() {
        String url = System.getenv("SESSIONMAP_REDIS_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("Set SESSIONMAP_REDIS_URL to a Redis primary with a replica");
        }
        this.factory = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url));
        this.factory.afterPropertiesSet();
        this.factory.start();
        this.store = new RedisSessionStore(this.factory, this.codec, this.namespace);
        this.store.setWaitForReplicas(this.replicas, Duration.ofMillis(100));
        SessionLifecycle first = new SessionLifecycle(this.store, this.codec, this.settings, this.clock, null);
        first.map().put("count", 0L);
        this.id = Objects.requireNonNull(first.finish(false).value());
    }

    @TearDown
    public void disconnect() {
        StringRedisTemplate redis = new StringRedisTemplate(this.factory);
        redis.delete(redis.keys(this.namespace + ":*"));
        this.factory.destroy();
    }

    /**
     * A request that puts one value: a load, one script, and a {@code WAIT} when waiting.
     */
    @Benchmark
    public Object save() {
        SessionLifecycle request = new SessionLifecycle(this.store, this.codec, this.settings, this.clock, this.id);
        request.map().put("count", ++this.count);
        return request.finish(false);
    }

}
