package dev.sessionmap.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The Redis the tests use: {@code SESSIONMAP_REDIS_URL} ({@code .ci/run} exports it),
 * else a Testcontainers Redis where Docker runs, else none and the tests are skipped
 * saying why. Each test class works in a namespace of its own and deletes only its own
 * keys, since others share the server. (The same helper as session-core's store tests;
 * test sources are not shared between modules.)
 *
 * <p>
 * Many nodes: {@code SESSIONMAP_REDIS_CLUSTER_NODES} names a Redis Cluster and
 * {@code SESSIONMAP_REDIS_SENTINEL_NODES} with {@code SESSIONMAP_REDIS_SENTINEL_MASTER} a
 * Sentinel set-up ({@code .ci/redis-ha} starts both on loopback); without them the tests
 * on those are skipped.
 */
public final class TestRedis {

    static final String CLUSTER_NODES = "SESSIONMAP_REDIS_CLUSTER_NODES";

    static final String SENTINEL_NODES = "SESSIONMAP_REDIS_SENTINEL_NODES";

    static final String SENTINEL_MASTER = "SESSIONMAP_REDIS_SENTINEL_MASTER";

    private static boolean resolved;

    private static @Nullable String url;

    private TestRedis() {
    }

    /** Why tests that need Redis were skipped. */
    public static final String UNAVAILABLE = "No Redis: set SESSIONMAP_REDIS_URL (.ci/run does when Redis runs)"
            + " or start Docker for Testcontainers";

    /** Whether there is a Redis to test against. */
    public static synchronized boolean available() {
        if (!resolved) {
            resolved = true;
            url = resolve();
        }
        return url != null;
    }

    /** The server's URL; skips the calling test when there is no Redis. */
    public static String url() {
        Assumptions.assumeTrue(available(), UNAVAILABLE);
        return url;
    }

    /** A namespace no other test run uses. */
    public static String namespace() {
        return "sessionmap-test-" + UUID.randomUUID();
    }

    /** Every key in {@code namespace}. */
    static Set<String> keys(StringRedisTemplate redis, String namespace) {
        return keysMatching(redis, namespace + ":*");
    }

    /**
     * Every key matching the {@code SCAN} pattern, on every primary of a cluster (where
     * the template's own {@code scan} refuses to run).
     */
    static Set<String> keysMatching(StringRedisTemplate redis, String pattern) {
        ScanOptions options = ScanOptions.scanOptions().match(pattern).count(1000).build();
        Set<String> keys = new HashSet<>();
        redis.execute((RedisCallback<Void>) (connection) -> {
            if (connection instanceof RedisClusterConnection cluster) {
                for (RedisClusterNode node : cluster.clusterGetNodes()) {
                    if (node.isMaster() && node.isConnected()) {
                        try (Cursor<byte[]> cursor = cluster.scan(node, options)) {
                            cursor.forEachRemaining((key) -> keys.add(new String(key, StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
            else {
                try (Cursor<byte[]> cursor = connection.keyCommands().scan(options)) {
                    cursor.forEachRemaining((key) -> keys.add(new String(key, StandardCharsets.UTF_8)));
                }
            }
            return null;
        });
        return keys;
    }

    /**
     * Loads the store's scripts into Redis, which may have dropped its script cache, so
     * that commands can be counted: the first run of a script not loaded is
     * {@code EVALSHA} + {@code EVAL}.
     */
    static void loadScripts(StringRedisTemplate redis) throws IOException {
        for (String script : new String[] { "save", "touch", "replace", "remove-if-unchanged", "forward", "delete",
                "index-add", "index-remove", "index-purge" }) {
            byte[] text = new ClassPathResource("dev/sessionmap/store/redis/" + script + ".lua")
                .getContentAsByteArray();
            redis.execute((RedisCallback<String>) (connection) -> connection.scriptingCommands().scriptLoad(text));
        }
    }

    /** Deletes every key in {@code namespace}, and nothing else. */
    static void deleteAll(StringRedisTemplate redis, String namespace) {
        // One by one: a cluster refuses a DEL of keys in several slots.
        keys(redis, namespace).forEach(redis::delete);
    }

    /** Why tests that need a Redis of the {@code topology} were skipped, if they were. */
    static @Nullable String unavailable(Topology topology) {
        return switch (topology) {
            case STANDALONE -> available() ? null : UNAVAILABLE;
            case CLUSTER -> (environment(CLUSTER_NODES) != null) ? null
                    : "No Redis Cluster: set " + CLUSTER_NODES + " (.ci/run does, after .ci/redis-ha start cluster)";
            case SENTINEL -> (environment(SENTINEL_NODES) != null && environment(SENTINEL_MASTER) != null) ? null
                    : "No Redis Sentinel: set " + SENTINEL_NODES + " and " + SENTINEL_MASTER
                            + " (.ci/run does, after .ci/redis-ha start sentinel)";
        };
    }

    /**
     * Points Spring Boot's Redis at the cluster, with the Lettuce settings the README
     * recommends for a short fail-over: the client learns of a new primary as soon as a
     * command is redirected or a connection drops, and checks the topology every few
     * seconds besides.
     */
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.cluster.nodes", () -> required(CLUSTER_NODES));
        registry.add("spring.data.redis.lettuce.cluster.refresh.adaptive", () -> "true");
        registry.add("spring.data.redis.lettuce.cluster.refresh.period", () -> "5s");
    }

    /** Points Spring Boot's Redis at the Sentinel set-up. */
    static void sentinel(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.sentinel.nodes", () -> required(SENTINEL_NODES));
        registry.add("spring.data.redis.sentinel.master", () -> required(SENTINEL_MASTER));
    }

    private static String required(String variable) {
        String value = environment(variable);
        Assumptions.assumeTrue(value != null, "set " + variable);
        return value;
    }

    private static @Nullable String environment(String variable) {
        String value = System.getenv(variable);
        return (value == null || value.isBlank()) ? null : value;
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

    /** The kinds of Redis set-up the tests run against. */
    enum Topology {

        /** One server: {@code SESSIONMAP_REDIS_URL}, or a Testcontainers Redis. */
        STANDALONE,

        /** A Redis Cluster: {@code SESSIONMAP_REDIS_CLUSTER_NODES}. */
        CLUSTER,

        /**
         * A primary and replicas behind Sentinel: {@code SESSIONMAP_REDIS_SENTINEL_*}.
         */
        SENTINEL

    }

}
