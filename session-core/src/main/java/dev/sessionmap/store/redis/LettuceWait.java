package dev.sessionmap.store.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import dev.sessionmap.core.SessionStoreException;

/**
 * {@code WAIT} through Lettuce, on the native connection Spring Data Redis wrote with. On
 * a Redis Cluster a keyless command sent through the cluster connection would go to its
 * default node, so it is sent on each node connection that wrote one of the keys: Lettuce
 * sends a key's command on the connection it keeps for the host and port of the slot's
 * primary, the one {@link StatefulRedisClusterConnection#getConnection(String, int)}
 * returns. Only this class names Lettuce types, so the store runs without Lettuce.
 */
final class LettuceWait {

    private LettuceWait() {
    }

    /** Whether {@code nativeConnection} is Lettuce's. */
    static boolean supports(Object nativeConnection) {
        return nativeConnection instanceof BaseRedisAsyncCommands<?, ?>;
    }

    /**
     * Sends {@code WAIT} on {@code nativeConnection}, or to the primary of every key in
     * {@code written} on a cluster, all at once, and returns how many replicas each
     * primary counted ("host:port", or "the primary", to the count).
     */
    static Map<String, Long> await(Object nativeConnection, Set<String> written, int replicas, long timeoutMillis) {
        Map<String, CompletionStage<Long>> waits = new LinkedHashMap<>();
        if (nativeConnection instanceof RedisAdvancedClusterAsyncCommands<?, ?> commands) {
            StatefulRedisClusterConnection<?, ?> cluster = commands.getStatefulConnection();
            for (String key : written) {
                RedisClusterNode primary = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
                if (primary == null) {
                    throw new SessionStoreException("No Redis Cluster node serves the slot of a session key written");
                }
                RedisURI uri = primary.getUri();
                waits.computeIfAbsent(uri.getHost() + ":" + uri.getPort(),
                        (node) -> cluster.getConnection(uri.getHost(), uri.getPort())
                            .async()
                            .waitForReplication(replicas, timeoutMillis));
            }
        }
        else {
            waits.put("the primary",
                    ((BaseRedisAsyncCommands<?, ?>) nativeConnection).waitForReplication(replicas, timeoutMillis));
        }
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        waits.forEach((node, wait) -> acknowledged.put(node, wait.toCompletableFuture().join()));
        return acknowledged;
    }

}
