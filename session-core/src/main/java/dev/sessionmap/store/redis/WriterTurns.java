package dev.sessionmap.store.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Makes this instance's recomputing writes to one session take turns (striped locks, so memory stays
 * fixed). Without turns, many concurrent writes of one session keep invalidating each other's
 * optimistic attempts. Each stripe also remembers what its last writer wrote, so the next writer of
 * the same session can recompute from that instead of learning it from a failed attempt; Redis still
 * checks every guess. A turn is waited for a bounded time only, so a slow Redis cannot queue requests
 * behind each other; past it the write goes ahead optimistically, which is still correct.
 */
final class WriterTurns {

    private static final int STRIPES = 256;

    private final Stripe[] stripes = new Stripe[STRIPES];

    private final Duration maxWait;

    WriterTurns(Duration maxWait) {
        this.maxWait = maxWait;
        for (int i = 0; i < STRIPES; i++) {
            this.stripes[i] = new Stripe();
        }
    }

    <T> T inTurn(String key, Function<Turn, T> work) {
        Stripe stripe = this.stripes[Math.floorMod(key.hashCode(), STRIPES)];
        if (!awaitTurn(stripe.lock)) {
            return work.apply(Turn.NONE);
        }
        try {
            return work.apply(new Turn() {

                @Override
                public Map<String, String> recalled() {
                    return key.equals(stripe.key) ? stripe.written : Map.of();
                }

                @Override
                public void remember(Map<String, String> written) {
                    stripe.key = key;
                    stripe.written = Map.copyOf(written);
                }
            });
        }
        finally {
            stripe.lock.unlock();
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

    /** One writer's turn at a session. */
    interface Turn {

        /** Taken without waiting for a turn: nothing recalled, nothing remembered. */
        Turn NONE = new Turn() {

            @Override
            public Map<String, String> recalled() {
                return Map.of();
            }

            @Override
            public void remember(Map<String, String> written) {
            }
        };

        /** The fields (and their JSON) the last writer of this session in this instance wrote, if any. */
        Map<String, String> recalled();

        void remember(Map<String, String> written);
    }

    private static final class Stripe {

        final ReentrantLock lock = new ReentrantLock();

        @Nullable String key;

        Map<String, String> written = Map.of();
    }
}
