package dev.sessionmap.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.autoconfigure.SessionPurger;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic session API over real HTTP on the Redis store, against a real Redis in a
 * namespace of its own: what every store gives, the admin bean, and periodic id rotation
 * with its grace period.
 */
@EnabledWithRedis
@SpringBootTest(classes = { ClassicTestApplication.class, RedisClassicSessionHttpTests.CommandLog.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "app.session.store=redis",
                "app.session.rotate-id-every=1h", "app.session.rotate-id-grace-period=30s" })
class RedisClassicSessionHttpTests extends AbstractClassicSessionHttpTests {

    private static final String NAMESPACE = TestRedis.namespace();

    @Autowired
    private SessionAdmin admin;

    @Autowired
    private ObjectProvider<SessionPurger> purger;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private RedisCommandLog commands;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("app.session.redis.namespace", () -> NAMESPACE);
    }

    @BeforeEach
    void loadScripts() throws IOException {
        TestRedis.loadScripts(this.redis);
        this.commands.take();
    }

    @AfterEach
    void deleteOurKeys() {
        TestRedis.deleteAll(this.redis, NAMESPACE);
    }

    @Override
    protected List<String> takeStoreCalls() {
        return this.commands.take();
    }

    @Override
    protected List<String> readThenWrite() {
        return List.of("HGETALL", "EVALSHA");
    }

    private String key(String id) {
        return NAMESPACE + ":session:{" + SessionIds.hash(id) + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = { "/login", "/logout" })
    void aReadFinishingAfterLogInOrLogOutLeavesTheNewCookieAlone(String path) throws Exception {
        assertALateRefreshLeavesTheNewCookieAlone(path);
    }

    @Test
    void theAdminBeanFindsCountsAndDeletesSessionsAndThePurgeHasNothingToReportOfAnonymousOnes() {
        assertThat(this.purger.getObject().purge()).as("Redis expires sessions itself; only users' are reported")
            .isZero();
        assertAdminFindsCountsAndDeletesSessions(this.admin);
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).isEmpty();
    }

    @Test
    void deletingTheSessionByTheIdItReplacedDuringTheGracePeriodDeletesTheSession() {
        this.browser.get("/counter");
        String first = this.browser.cookie;
        this.clock.advance(Duration.ofHours(1));
        this.browser.get("/counter");
        String second = this.browser.cookie;
        assertThat(second).isNotEqualTo(first);

        assertThat(this.admin.delete(first)).isTrue();
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).isEmpty();
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

    @Test
    void theIdChangesPeriodicallyAndTheOldOneServesLateRequestsForTheGracePeriod() {
        this.browser.get("/counter");
        String first = this.browser.cookie;
        this.clock.advance(Duration.ofMinutes(59));
        this.browser.get("/counter");
        assertThat(this.browser.cookie).isEqualTo(first);

        this.clock.advance(Duration.ofMinutes(1));
        this.commands.take();
        assertThat(this.browser.get("/counter").body()).isEqualTo("3");
        assertThat(this.commands.take()).as("load, write the new key, replace the old one by the forwarding entry")
            .containsExactly("HGETALL", "EVALSHA", "EVALSHA");
        String second = this.browser.cookie;
        assertThat(second).isNotEqualTo(first);
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).containsExactlyInAnyOrder(key(first), key(second));
        Map<Object, Object> forward = this.redis.opsForHash().entries(key(first));
        assertThat(forward.keySet()).filteredOn((field) -> field.toString().startsWith("d:"))
            .containsExactly("d:_moved");
        assertThat(this.redis.getExpire(key(first))).as("the grace period").isBetween(1L, 30L);
        assertThat(this.redis.getExpire(key(second))).isGreaterThan(Duration.ofDays(13).toSeconds());
        assertThat(this.admin.find(first)).as("a forwarding entry is no session").isEmpty();
        assertThat(this.admin.find(second)).isPresent();
        assertThat(this.admin.count()).as("the replaced id counts during its grace period, as on the datastore")
            .isEqualTo(2);

        this.clock.advance(Duration.ofSeconds(29));
        Browser late = new Browser(this.port);
        late.cookie = first;
        assertThat(late.get("/counter").body()).isEqualTo("4");
        assertThat(late.cookie).as("the late request is handed the new id").isEqualTo(second);
        assertThat(this.browser.get("/read").body()).isEqualTo("4");

        this.clock.advance(Duration.ofSeconds(1));
        Browser tooLate = new Browser(this.port);
        tooLate.cookie = first;
        assertThat(tooLate.get("/read").body()).isEqualTo("0");
        assertThat(this.browser.get("/read").body()).isEqualTo("4");
        assertThat(this.admin.count()).isEqualTo(1);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CommandLog {

        @Bean
        RedisCommandLog redisCommandLog(LettuceConnectionFactory connectionFactory) {
            return RedisCommandLog.attachTo(connectionFactory);
        }

    }

}
