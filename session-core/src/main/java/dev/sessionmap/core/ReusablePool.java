package dev.sessionmap.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A few costly, stateful helpers (a {@code Cipher}, a {@code Mac}, a
 * {@code MessageDigest}) shared by every thread: {@link #take()} one, use it, and
 * {@link #give(Object) give} it back. It replaces one cached helper per thread, which
 * under virtual threads ({@code spring.threads.virtual.enabled}) lives for one request
 * and so was built again on every request. Taking and giving allocate nothing; when every
 * slot is empty a new helper is made, and one given back to a full pool is dropped, so
 * the pool never blocks.
 *
 * <pre>{@code
 * Cipher cipher = CIPHERS.take();
 * try {
 *     cipher.init(...);
 * }
 * finally {
 *     CIPHERS.give(cipher);
 * }
 * }</pre>
 *
 * <p>
 * Thread-safe. Used by sessionmap's stores; not part of the session API.
 *
 * @param <T> the helper's type
 */
public final class ReusablePool<T> {

    private final AtomicReferenceArray<@Nullable T> slots;

    private final int mask;

    private final Supplier<T> factory;

    /**
     * A pool of about four helpers per processor, made by {@code factory} when needed.
     */
    public ReusablePool(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        int wanted = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        int size = Integer.highestOneBit(wanted - 1) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** A helper from the pool, or a new one when the pool is empty. */
    public T take() {
        int start = start();
        for (int i = 0; i <= this.mask; i++) {
            int slot = (start + i) & this.mask;
            T helper = this.slots.get(slot);
            if (helper != null && this.slots.compareAndSet(slot, helper, null)) {
                return helper;
            }
        }
        return this.factory.get();
    }

    /**
     * Gives back a helper {@link #take()} returned, for another thread to reuse; the
     * caller must not use it any more.
     */
    public void give(T helper) {
        int start = start();
        for (int i = 0; i <= this.mask; i++) {
            int slot = (start + i) & this.mask;
            if (this.slots.get(slot) == null && this.slots.compareAndSet(slot, null, helper)) {
                return;
            }
        }
    }

    /**
     * Where the calling thread starts looking, so concurrent threads mostly touch
     * different slots.
     */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    private int start() {
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16)) * 0x9E3779B9 >>> 8;
    }

}
