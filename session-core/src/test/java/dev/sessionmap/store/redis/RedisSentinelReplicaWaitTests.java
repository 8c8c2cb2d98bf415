package dev.sessionmap.store.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Waiting for replicas on a primary with replicas found through Sentinel, on Lettuce's
 * shared connection.
 */
class RedisSentinelReplicaWaitTests extends AbstractReplicaWaitTests {

    private String master;

    @Override
    LettuceConnectionFactory connect() {
        List<String> sentinels = RedisReplicas.nodes("SESSIONMAP_REDIS_SENTINEL_NODES");
        this.master = RedisReplicas.env("SESSIONMAP_REDIS_SENTINEL_MASTER", "sessionmap");
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisSentinelConfiguration(this.master, new HashSet<>(sentinels)),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @Override
    List<RedisNode> replicasOf(LettuceConnectionFactory factory, String key) {
        try (RedisSentinelConnection sentinel = factory.getSentinelConnection()) {
            return sentinel.replicas(() -> this.master)
                .stream()
                .map((replica) -> new RedisNode(replica.getRequiredHost(), replica.getRequiredPort()))
                .toList();
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    boolean isCluster() {
        return false;
    }

}
