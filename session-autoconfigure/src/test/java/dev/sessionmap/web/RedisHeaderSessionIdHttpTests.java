package dev.sessionmap.web;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Session tokens in a header over real HTTP on the Redis store, in a namespace of its
 * own.
 */
@EnabledWithRedis
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.session.store=redis", "app.session.header-name=" + ApiClient.HEADER })
class RedisHeaderSessionIdHttpTests extends AbstractHeaderSessionIdHttpTests {

    private static final String NAMESPACE = TestRedis.namespace();

    @Autowired
    private StringRedisTemplate redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("app.session.redis.namespace", () -> NAMESPACE);
    }

    @AfterEach
    void deleteOurKeys() {
        TestRedis.deleteAll(this.redis, NAMESPACE);
    }

    @Override
    protected boolean revokesOldTokens() {
        return true;
    }

}
