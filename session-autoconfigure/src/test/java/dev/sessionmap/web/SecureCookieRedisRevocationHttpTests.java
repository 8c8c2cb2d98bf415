package dev.sessionmap.web;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cookie revocation with the epochs in Redis ({@code app.session.revocation.store=redis},
 * though the test application has a database too).
 */
@EnabledWithRedis
@SpringBootTest(classes = { LifecycleTestApplication.class, AccountHandlers.class },
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.session.store=secure-cookie", "app.session.revocation.store=redis" })
class SecureCookieRedisRevocationHttpTests extends AbstractCookieRevocationHttpTests {

    private static final String NAMESPACE = TestRedis.namespace();

    private static final String SECRET = TestSecrets.random();

    @Autowired
    private StringRedisTemplate redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("app.session.secret", () -> SECRET);
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("app.session.redis.namespace", () -> NAMESPACE);
    }

    @AfterEach
    void deleteOurKeys() {
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).as("one key per user logged out everywhere, nothing more")
            .allSatisfy((key) -> assertThat(key).startsWith(NAMESPACE + ":epoch:ann-"));
        TestRedis.deleteAll(this.redis, NAMESPACE);
    }

}
