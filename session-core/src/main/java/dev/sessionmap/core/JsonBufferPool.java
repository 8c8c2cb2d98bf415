package dev.sessionmap.core;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's per-call buffers for the session codec's own mapper, kept in a
 * {@link ReusablePool}: taking one and giving it back is a compare-and-set on a slot
 * array. Jackson's default pool, a concurrent deque, allocates a node every time a buffer
 * comes back and is shared through one contended head; a thread-local pool would keep one
 * per thread, which under virtual threads is a new one per request.
 */
final class JsonBufferPool implements RecyclerPool<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    /** One pool for every codec {@link SessionCodec#withDefaults()} makes. */
    static final JsonBufferPool SHARED = new JsonBufferPool();

    private final transient ReusablePool<BufferRecycler> buffers = new ReusablePool<>(BufferRecycler::new);

    private JsonBufferPool() {
    }

    @Override
    public BufferRecycler acquirePooled() {
        return this.buffers.take();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        this.buffers.give(recycler);
    }

    /** A deserialized copy, should a mapper ever be, shares the one pool. */
    private Object readResolve() {
        return SHARED;
    }

}
