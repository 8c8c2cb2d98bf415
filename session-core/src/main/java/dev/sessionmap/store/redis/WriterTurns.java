package dev.sessionmap.store.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Makes this instance's recomputing writes ({@code merge}, {@code compute}) to one
 * session take turns, on striped locks so memory stays fixed. It is not needed for
 * correctness, which is the script's check ({@link SessionUpdate}); it keeps one
 * visitor's burst of parallel recomputing requests from turning into a retry storm.
 * Measured with {@code benchmarks/load.sh}, {@code merge-1} (one session's counter merged
 * from parallel connections, 2 cores): without turns a request took 4.3 script calls at 6
 * connections and 10.7 at 16, where 7 to 32 requests per 6-second run used up their 64
 * attempts and failed (503); with turns, 1.9 calls and no failure (benchmarks/README.md,
 * "The Redis write path"). A turn is waited for a bounded time only, so a slow Redis
 * cannot queue requests behind each other; past it the write goes ahead optimistically,
 * which is still correct. Writers on other instances meet only in the script.
 */
final class WriterTurns {

    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    private final Duration maxWait;

    WriterTurns(Duration maxWait) {
        this.maxWait = maxWait;
        for (int i = 0; i < STRIPES; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code write} once the session at {@code key} is this instance's to write, or
     * after the wait.
     */
    <T> T inTurn(String key, Supplier<T> write) {
        ReentrantLock stripe = this.stripes[Math.floorMod(key.hashCode(), STRIPES)];
        if (!awaitTurn(stripe)) {
            return write.get();
        }
        try {
            return write.get();
        }
        finally {
            stripe.unlock();
        }
    }

    private boolean awaitTurn(ReentrantLock lock) {
        try {
            return lock.tryLock(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

}
