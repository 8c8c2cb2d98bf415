package dev.sessionmap.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReusablePoolTests {

    private final AtomicInteger made = new AtomicInteger();

    private final ReusablePool<AtomicBoolean> pool = new ReusablePool<>(() -> {
        this.made.incrementAndGet();
        return new AtomicBoolean();
    });

    @Test
    void aHelperGivenBackIsTakenAgainInsteadOfMakingOne() {
        AtomicBoolean first = this.pool.take();
        this.pool.give(first);
        assertThat(this.pool.take()).isSameAs(first);
        assertThat(this.made).hasValue(1);
    }

    @Test
    void anEmptyPoolMakesAHelperForEachTaker() {
        AtomicBoolean one = this.pool.take();
        AtomicBoolean two = this.pool.take();
        assertThat(one).isNotSameAs(two);
        assertThat(this.made).hasValue(2);
    }

    @Test
    void aFullPoolDropsWhatIsGivenBackAndStillServes() {
        List<AtomicBoolean> taken = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            taken.add(this.pool.take());
        }
        taken.forEach(this.pool::give);
        for (int i = 0; i < 1000; i++) {
            assertThat(this.pool.take()).isNotNull();
        }
        assertThat(this.made.get()).isLessThan(2000).isGreaterThan(1000);
    }

    @Test
    void noHelperIsEverInTheHandsOfTwoThreadsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    int clashes = 0;
                    for (int i = 0; i < 20_000; i++) {
                        AtomicBoolean helper = this.pool.take();
                        if (!helper.compareAndSet(false, true)) {
                            clashes++;
                        }
                        Thread.onSpinWait();
                        helper.set(false);
                        this.pool.give(helper);
                    }
                    return clashes;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isZero();
            }
        }
        finally {
            threads.shutdownNow();
        }
        // Reuse, not one helper per use: far fewer helpers than the 160,000 uses.
        assertThat(this.made.get()).isLessThan(1_000);
    }

}
