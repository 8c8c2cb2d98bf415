package dev.sessionmap.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps users' epochs for a short window, since every request of a logged-in user on the
 * secure-cookie store asks for one. An epoch this node {@link #advance advances} is known
 * here at once; one advanced by another node is seen here at the latest {@code ttl}
 * later, so a revoked session may still load on other nodes for that long. A hit reads
 * the clock and one map entry and allocates nothing. At most {@code maxEntries} users are
 * kept: when full, expired entries go first, then arbitrary ones.
 *
 * <pre>{@code
 * PrincipalEpochs epochs = new CachingPrincipalEpochs(new JdbcPrincipalEpochs(...),
 *         Duration.ofSeconds(5), 10_000, Clock.systemUTC());
 * }</pre>
 */
public final class CachingPrincipalEpochs implements PrincipalEpochs {

    private final PrincipalEpochs delegate;

    private final long ttlMillis;

    private final int maxEntries;

    private final Clock clock;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param delegate where the epochs are kept
     * @param ttl how long an epoch read from {@code delegate} is used; positive
     * @param maxEntries the most users whose epochs are kept at once
     * @param clock the time the window is measured by
     */
    public CachingPrincipalEpochs(PrincipalEpochs delegate, Duration ttl, int maxEntries, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The cache window must be positive: " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("The cache must hold at least one entry: " + maxEntries);
        }
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    @Override
    public long current(String principal) {
        long now = this.clock.millis();
        Entry entry = this.entries.get(principal);
        if (entry != null && entry.isFresh(now, this.ttlMillis)) {
            return entry.epoch;
        }
        return keep(principal, this.delegate.current(principal), now);
    }

    @Override
    public long latest(String principal) {
        return keep(principal, this.delegate.latest(principal), this.clock.millis());
    }

    @Override
    public long advance(String principal) {
        return keep(principal, this.delegate.advance(principal), this.clock.millis());
    }

    /** How many users' epochs are kept now. */
    int size() {
        return this.entries.size();
    }

    /**
     * Keeps {@code epoch}, read at {@code now}, and returns the epoch kept. Epochs only
     * grow, so a fresh entry with a higher one wins over a read that began before an
     * advance and ends after it.
     */
    private long keep(String principal, long epoch, long now) {
        if (this.entries.size() >= this.maxEntries && !this.entries.containsKey(principal)) {
            makeRoom(now);
        }
        Entry kept = this.entries.merge(principal, new Entry(epoch, now),
                (old, fresh) -> (fresh.epoch >= old.epoch || !old.isFresh(now, this.ttlMillis)) ? fresh : old);
        return kept.epoch;
    }

    private void makeRoom(long now) {
        this.entries.values().removeIf((entry) -> !entry.isFresh(now, this.ttlMillis));
        Iterator<String> principals = this.entries.keySet().iterator();
        int target = Math.max(0, this.maxEntries - Math.max(1, this.maxEntries / 10));
        while (this.entries.size() > target && principals.hasNext()) {
            principals.next();
            principals.remove();
        }
    }

    @Override
    public String toString() {
        return "CachingPrincipalEpochs[" + this.delegate + ", ttl=" + this.ttlMillis + "ms]";
    }

    private record Entry(long epoch, long readAt) {

        boolean isFresh(long now, long ttlMillis) {
            return now - this.readAt < ttlMillis && now >= this.readAt;
        }

    }

}
