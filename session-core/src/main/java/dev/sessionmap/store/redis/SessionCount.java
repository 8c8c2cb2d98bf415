package dev.sessionmap.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Counts the sessions of a namespace that have not expired at a given time, as the
 * datastore's count does: {@code SCAN} over the namespace's keys (on every master of a
 * Redis Cluster), then the expiry field of each, pipelined in batches. Judging by the
 * stored expiry rather than by Redis's TTL makes the count follow the application's
 * clock. Forwarding entries of periodic rotation count while their grace period lasts, as
 * they do on the datastore. Meant for admin code: it reads every session key.
 * {@code SCAN} may report a key twice while Redis resizes its key table, so the count can
 * then be a little high; deduplicating would hold every key in memory.
 */
final class SessionCount {

    private static final int BATCH = 1000;

    private static final byte[] EXPIRES = SessionHash.EXPIRES.getBytes(StandardCharsets.UTF_8);

    private final StringRedisTemplate redis;

    private final ScanOptions options;

    SessionCount(StringRedisTemplate redis, SessionKeys keys) {
        this.redis = redis;
        this.options = ScanOptions.scanOptions().match(keys.pattern()).count(BATCH).build();
    }

    long at(Instant now) {
        long millis = now.toEpochMilli();
        Long count = this.redis.execute((RedisCallback<Long>) (connection) -> {
            if (!(connection instanceof RedisClusterConnection cluster)) {
                try (Cursor<byte[]> cursor = connection.keyCommands().scan(this.options)) {
                    return live(cursor, millis);
                }
            }
            long live = 0;
            for (RedisClusterNode node : cluster.clusterGetNodes()) {
                if (node.isMaster()) {
                    try (Cursor<byte[]> cursor = cluster.scan(node, this.options)) {
                        live += live(cursor, millis);
                    }
                }
            }
            return live;
        });
        return Objects.requireNonNull(count);
    }

    private long live(Cursor<byte[]> cursor, long now) {
        long live = 0;
        List<byte[]> batch = new ArrayList<>(BATCH);
        while (cursor.hasNext()) {
            batch.add(cursor.next());
            if (batch.size() == BATCH || !cursor.hasNext()) {
                live += live(batch, now);
                batch.clear();
            }
        }
        return live;
    }

    /**
     * How many of these keys hold an expiry after {@code now}; a key gone or malformed
     * meanwhile does not count.
     */
    private long live(List<byte[]> keys, long now) {
        // Pipelined callbacks return null; NullAway sees that only in JSpecify mode
        @SuppressWarnings("NullAway")
        List<Object> expiries = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
            for (byte[] key : keys) {
                connection.hashCommands().hGet(key, EXPIRES);
            }
            return null;
        });
        return expiries.stream().filter((expiry) -> isAfter(expiry, now)).count();
    }

    private static boolean isAfter(Object expiry, long now) {
        try {
            return expiry instanceof String millis && Long.parseLong(millis) > now;
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

}
