package dev.sessionmap.web;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis the tests use: {@code SESSIONMAP_REDIS_URL} ({@code .ci/run} exports it),
 * else a Testcontainers Redis where Docker runs, else none and the tests are skipped
 * saying why. Each test class works in a namespace of its own and deletes only its own
 * keys, since others share the server. (The same helper as session-core's store tests;
 * test sources are not shared between modules.)
 */
public final class TestRedis {

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
        Set<String> keys = new HashSet<>();
        try (Cursor<String> cursor = redis
            .scan(ScanOptions.scanOptions().match(namespace + ":*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
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
