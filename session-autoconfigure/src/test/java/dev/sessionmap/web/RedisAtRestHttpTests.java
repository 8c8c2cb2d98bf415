package dev.sessionmap.web;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.core.SessionIds;

/**
 * Encryption at rest over real HTTP on the Redis store, in a namespace of its own: every
 * value of the session's hash is sealed.
 */
@EnabledWithRedis
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "app.session.store=redis")
class RedisAtRestHttpTests extends AbstractAtRestHttpTests {

    private static final String NAMESPACE = TestRedis.namespace();

    @Autowired
    private StringRedisTemplate redis;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        encryptAtRest(registry);
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("app.session.redis.namespace", () -> NAMESPACE);
    }

    @AfterEach
    void deleteOurKeys() {
        TestRedis.deleteAll(this.redis, NAMESPACE);
    }

    @Override
    protected Map<String, String> stored(String id) {
        return this.redis.opsForHash()
            .entries(key(id))
            .entrySet()
            .stream()
            .filter((entry) -> ((String) entry.getKey()).startsWith("d:"))
            .collect(Collectors.toMap((entry) -> (String) entry.getKey(), (entry) -> (String) entry.getValue()));
    }

    @Override
    protected void copyData(String from, String to) {
        this.redis.opsForHash().put(key(to), "d:count", stored(from).get("d:count"));
    }

    private static String key(String id) {
        return NAMESPACE + ":session:{" + SessionIds.hash(id) + "}";
    }

}
