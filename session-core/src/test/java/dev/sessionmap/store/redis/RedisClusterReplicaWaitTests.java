package dev.sessionmap.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.List;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Waiting for replicas on a Redis Cluster: {@code WAIT} must reach the node connection
 * that wrote each key, or it would count an idle connection's offset and never fail.
 */
class RedisClusterReplicaWaitTests extends AbstractReplicaWaitTests {

    @Override
    LettuceConnectionFactory connect() {
        List<String> nodes = RedisReplicas.nodes("SESSIONMAP_REDIS_CLUSTER_NODES");
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisClusterConfiguration(nodes),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @Override
    List<RedisNode> replicasOf(LettuceConnectionFactory factory, String key) {
        try (RedisClusterConnection cluster = factory.getClusterConnection()) {
            RedisClusterNode primary = cluster.clusterGetNodeForKey(key.getBytes(StandardCharsets.UTF_8));
            return cluster.clusterGetReplicas(primary)
                .stream()
                .map((replica) -> new RedisNode(replica.getRequiredHost(), replica.getRequiredPort()))
                .toList();
        }
    }

    @Override
    boolean isCluster() {
        return true;
    }

}
