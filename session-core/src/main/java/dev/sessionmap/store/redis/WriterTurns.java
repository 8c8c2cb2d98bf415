package dev.sessionmap.store.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Makes this instance's writes to one session take turns (striped locks, so memory stays fixed).
 * Without turns, many concurrent recomputing writes of one session keep invalidating each other's
 * optimistic attempts; with them, a write needs at most one retry unless another instance wrote.
 * A turn is waited for a bounded time only, so a slow Redis cannot queue requests behind each other;
 * past it the write goes ahead optimistically, which is still correct.
 */
final class WriterTurns {

    private static final int STRIPES = 256;

    private final Lock[] locks = new Lock[STRIPES];

    private final Duration maxWait;

    WriterTurns(Duration maxWait) {
        this.maxWait = maxWait;
        for (int i = 0; i < STRIPES; i++) {
            this.locks[i] = new ReentrantLock();
        }
    }

    <T> T inTurn(String key, Supplier<T> work) {
        Lock lock = this.locks[Math.floorMod(key.hashCode(), STRIPES)];
        boolean locked = awaitTurn(lock);
        try {
            return work.get();
        }
        finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private boolean awaitTurn(Lock lock) {
        try {
            return lock.tryLock(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
