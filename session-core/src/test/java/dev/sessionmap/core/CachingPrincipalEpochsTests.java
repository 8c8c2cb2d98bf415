package dev.sessionmap.core;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The cache of users' epochs: what a node sees of its own revocations (at once) and of
 * other nodes' (within the window), and what a hit costs.
 */
class CachingPrincipalEpochsTests {

    private static final Duration WINDOW = Duration.ofSeconds(5);

    private final SharedEpochs shared = new SharedEpochs();

    private final TickingClock clock = new TickingClock();

    private final CachingPrincipalEpochs node = new CachingPrincipalEpochs(this.shared, WINDOW, 100, this.clock);

    private final CachingPrincipalEpochs otherNode = new CachingPrincipalEpochs(this.shared, WINDOW, 100, this.clock);

    @Test
    void anEpochIsReadOncePerWindow() {
        this.shared.epochs.put("ann", 3L);
        assertThat(this.node.current("ann")).isEqualTo(3);
        assertThat(this.node.current("ann")).isEqualTo(3);
        this.clock.millis += WINDOW.toMillis() - 1;
        assertThat(this.node.current("ann")).isEqualTo(3);
        assertThat(this.shared.reads.get()).isOne();
        this.clock.millis += 1;
        assertThat(this.node.current("ann")).isEqualTo(3);
        assertThat(this.shared.reads.get()).isEqualTo(2);
    }

    @Test
    void anAdvanceIsSeenAtOnceOnItsNodeAndWithinTheWindowOnOthers() {
        assertThat(this.node.current("ann")).isZero();
        assertThat(this.otherNode.current("ann")).isZero();
        this.clock.millis += 1000;
        assertThat(this.node.advance("ann")).isEqualTo(1);
        assertThat(this.node.current("ann")).as("this node").isEqualTo(1);
        assertThat(this.otherNode.current("ann")).as("the other node, inside its window").isZero();
        this.clock.millis += WINDOW.toMillis() - 1000;
        assertThat(this.otherNode.current("ann")).as("the other node, once its window ended").isEqualTo(1);
    }

    @Test
    void theLatestEpochIsReadPastTheCacheForALogIn() {
        assertThat(this.otherNode.current("ann")).isZero();
        this.node.advance("ann");
        assertThat(this.otherNode.latest("ann")).isEqualTo(1);
        assertThat(this.otherNode.current("ann")).as("and kept").isEqualTo(1);
    }

    @Test
    void aReadThatBeganBeforeAnAdvanceCannotBringBackTheEarlierEpoch() {
        AdvancedDuringARead racing = new AdvancedDuringARead(this.shared);
        CachingPrincipalEpochs cache = new CachingPrincipalEpochs(racing, WINDOW, 100, this.clock);
        racing.cache = cache;
        assertThat(cache.current("ann")).as("the read answered 0, but the advance made it 1").isEqualTo(1);
        assertThat(cache.current("ann")).isEqualTo(1);
    }

    @Test
    void theCacheHoldsAtMostItsSize() {
        for (int i = 0; i < 1000; i++) {
            this.node.current("user-" + i);
            assertThat(this.node.size()).isLessThanOrEqualTo(100);
        }
        assertThat(this.node.current("user-999")).isZero();
    }

    @Test
    void aHitAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String principal = "ann";
        this.node.current(principal);
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += this.node.current(principal);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sum += this.node.current(principal);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sum).isZero();
        assertThat(this.shared.reads.get()).isOne();
        assertThat(allocated).as("bytes allocated by 100,000 hits").isLessThan(1024);
    }

    @Test
    void theWindowMustBePositiveAndTheSizeAtLeastOne() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new CachingPrincipalEpochs(this.shared, Duration.ZERO, 1, this.clock));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new CachingPrincipalEpochs(this.shared, WINDOW, 0, this.clock));
    }

    /** Epochs every node shares, as a database or Redis would keep them. */
    static final class SharedEpochs implements PrincipalEpochs {

        final Map<String, Long> epochs = new ConcurrentHashMap<>();

        final AtomicInteger reads = new AtomicInteger();

        @Override
        public long current(String principal) {
            this.reads.incrementAndGet();
            return this.epochs.getOrDefault(principal, 0L);
        }

        @Override
        public long advance(String principal) {
            return this.epochs.merge(principal, 1L, Long::sum);
        }

    }

    /**
     * Epochs whose read is overtaken by an advance through the cache: the read answers
     * the epoch from before.
     */
    static final class AdvancedDuringARead implements PrincipalEpochs {

        private final SharedEpochs shared;

        CachingPrincipalEpochs cache;

        AdvancedDuringARead(SharedEpochs shared) {
            this.shared = shared;
        }

        @Override
        public long current(String principal) {
            long before = this.shared.current(principal);
            this.cache.advance(principal);
            return before;
        }

        @Override
        public long advance(String principal) {
            return this.shared.advance(principal);
        }

    }

    /** A clock whose milliseconds the test moves, and which allocates nothing to read. */
    static final class TickingClock extends Clock {

        long millis = 1_000_000;

        @Override
        public long millis() {
            return this.millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(this.millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

    }

}
