package dev.sessionmap.store.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis the tests use: {@code SESSIONMAP_REDIS_URL} ({@code .ci/run} exports it),
 * else a Testcontainers Redis where Docker runs, else none and the tests are skipped
 * saying why. Each test class works in a namespace of its own and deletes only its own
 * keys, since others share the server.
 */
final class TestRedis {

    private static boolean resolved;

    private static @Nullable String url;

    private TestRedis() {
    }

    /** The server's URL; skips the calling test when there is no Redis. */
    static synchronized String url() {
        if (!resolved) {
            resolved = true;
            url = resolve();
        }
        Assumptions.assumeTrue(url != null,
                "No Redis: set SESSIONMAP_REDIS_URL (.ci/run does when Redis runs) or start Docker for Testcontainers");
        return url;
    }

    /** A started connection factory for {@code url}, with a short command timeout. */
    static LettuceConnectionFactory connect(String url) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(url),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /**
     * A started connection factory for the Redis Cluster that
     * {@code SESSIONMAP_REDIS_CLUSTER_NODES} names ({@code .ci/redis-ha start cluster}
     * starts one); skips the calling test when the variable is not set.
     */
    static LettuceConnectionFactory connectCluster() {
        String nodes = System.getenv("SESSIONMAP_REDIS_CLUSTER_NODES");
        Assumptions.assumeTrue(nodes != null && !nodes.isBlank(),
                "No Redis Cluster: set SESSIONMAP_REDIS_CLUSTER_NODES (.ci/run does, after .ci/redis-ha start cluster)");
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisClusterConfiguration(List.of(nodes.split(","))),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** A namespace no other test run uses. */
    static String namespace() {
        return "sessionmap-test-" + UUID.randomUUID();
    }

    /** Every key in {@code namespace}. */
    static Set<String> keys(StringRedisTemplate redis, String namespace) {
        Set<String> keys = new HashSet<>();
        try (Cursor<String> cursor = redis
            .scan(ScanOptions.scanOptions().match(namespace + ":*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
    }

    /** Deletes every key in {@code namespace}, and nothing else. */
    static void deleteAll(StringRedisTemplate redis, String namespace) {
        Set<String> keys = keys(redis, namespace);
        if (!keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    private static @Nullable String resolve() {
        String fromEnvironment = System.getenv("SESSIONMAP_REDIS_URL");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        // Stopped by Testcontainers' reaper when the test JVM exits.
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
            .withExposedPorts(6379);
        redis.start();
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

}
