package dev.sessionmap.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisConnectionUtils;
import org.springframework.util.ClassUtils;

import dev.sessionmap.core.SessionStoreException;

/**
 * Makes a store write wait until {@code replicas} replicas acknowledged it, with Redis's
 * {@code WAIT numreplicas timeout}, and fails it ({@link SessionStoreException}, so the
 * request gets a 503) when fewer did within the timeout. {@code WAIT} counts the
 * replication offset of the client connection that sent it, so it must follow the write
 * on that connection: the store's commands run on one connection bound to the thread for
 * the whole write ({@link RedisConnectionUtils#bindConnection}); on a Redis Cluster,
 * {@code WAIT} goes to the node connection that wrote each key ({@link LettuceWait}). On
 * a connection shared by threads (Lettuce's default) {@code WAIT} also covers other
 * threads' earlier writes, which only makes it stricter, and holds back the commands
 * other threads send on it meanwhile, reads included (Redis answers a client in order),
 * for as long as the replicas take: usually well under a millisecond, at most the
 * timeout. Reads never send {@code WAIT}.
 */
final class ReplicaWait {

    /** Writes are acknowledged by the primary alone. */
    static final ReplicaWait NONE = new ReplicaWait(null, 0, Duration.ZERO);

    private static final boolean LETTUCE_PRESENT = ClassUtils
        .isPresent("io.lettuce.core.api.async.BaseRedisAsyncCommands", null);

    /** The keys the write under way on this thread has written. */
    private static final ThreadLocal<@Nullable Set<String>> WRITTEN = new ThreadLocal<>();

    private final @Nullable RedisConnectionFactory connectionFactory;

    private final int replicas;

    private final long timeoutMillis;

    private ReplicaWait(@Nullable RedisConnectionFactory connectionFactory, int replicas, Duration timeout) {
        this.connectionFactory = connectionFactory;
        this.replicas = replicas;
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * Waits for {@code replicas} replicas at most {@code timeout} (at least a
     * millisecond: Redis reads a {@code WAIT} timeout of 0 as "forever") after each
     * write; {@link #NONE} for 0 replicas.
     */
    static ReplicaWait of(RedisConnectionFactory connectionFactory, int replicas, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (replicas < 0) {
            throw new IllegalArgumentException("The number of replicas to wait for must be 0 or more: " + replicas);
        }
        if (replicas == 0) {
            return NONE;
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "The time to wait for replicas must be at least 1ms (WAIT reads 0 as forever): " + timeout);
        }
        return new ReplicaWait(Objects.requireNonNull(connectionFactory, "connectionFactory"), replicas, timeout);
    }

    /** Records that the write under way on this thread, if any, wrote {@code key}. */
    static void wrote(String key) {
        Set<String> written = WRITTEN.get();
        if (written != null) {
            written.add(key);
        }
    }

    /**
     * Runs {@code writes} on one connection, then waits for the replicas to acknowledge
     * what they wrote; fails when too few did in time.
     */
    <T extends @Nullable Object> T afterWrites(Supplier<T> writes) {
        RedisConnectionFactory factory = this.connectionFactory;
        if (factory == null || WRITTEN.get() != null) {
            // Off, or within a write that waits once at its end.
            return writes.get();
        }
        Set<String> written = new LinkedHashSet<>();
        WRITTEN.set(written);
        RedisConnection connection = SessionCommands.call(() -> RedisConnectionUtils.bindConnection(factory));
        try {
            T result = writes.get();
            if (!written.isEmpty()) {
                SessionCommands.call(() -> await(connection, written));
            }
            return result;
        }
        finally {
            RedisConnectionUtils.unbindConnection(factory);
            WRITTEN.remove();
        }
    }

    private @Nullable Void await(RedisConnection connection, Set<String> written) {
        Object nativeConnection = connection.getNativeConnection();
        if (LETTUCE_PRESENT && LettuceWait.supports(nativeConnection)) {
            LettuceWait.await(nativeConnection, written, this.replicas, this.timeoutMillis).forEach(this::check);
            return null;
        }
        if (connection instanceof RedisClusterConnection) {
            throw new IllegalStateException("Waiting for replicas on a Redis Cluster needs the Lettuce client");
        }
        Object acknowledged = connection.execute("WAIT", bytes(this.replicas), bytes(this.timeoutMillis));
        check("the primary", (acknowledged instanceof Number number) ? number.longValue() : -1);
        return null;
    }

    private void check(String node, long acknowledged) {
        if (acknowledged < this.replicas) {
            throw new SessionStoreException("Redis " + node + ": " + acknowledged
                    + " replicas acknowledged the session write, fewer than the " + this.replicas + " required within "
                    + this.timeoutMillis + "ms; the write is not confirmed, though the primary may still hold it");
        }
    }

    private static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

}
