package dev.sessionmap.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.sessionmap.core.SessionIds;

/**
 * Session id work on every request: a new id (SecureRandom), the shape check of a
 * presented id, its SHA-256.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SessionIdsBenchmark {

    private final String id = SessionIds.generate();

    @Benchmark
    public String generate() {
        return SessionIds.generate();
    }

    @Benchmark
    public boolean isWellFormed() {
        return SessionIds.isWellFormed(this.id);
    }

    @Benchmark
    public String hash() {
        return SessionIds.hash(this.id);
    }

}
