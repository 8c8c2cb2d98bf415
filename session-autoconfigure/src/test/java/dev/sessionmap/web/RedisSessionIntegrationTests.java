package dev.sessionmap.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.redis.RedisSessionStore;
import dev.sessionmap.test.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The session's life over real HTTP on the Redis store, against a real Redis. */
@EnabledWithRedis
@SpringBootTest(classes = { LifecycleTestApplication.class, RedisSessionIntegrationTests.Support.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.session.store=redis")
class RedisSessionIntegrationTests {

    private static final String NAMESPACE = TestRedis.namespace();

    @LocalServerPort
    private int port;

    @Autowired
    private SessionStore store;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private RedisCommandLog commands;

    @Autowired
    private MovableClock clock;

    private Browser browser;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("app.session.redis.namespace", () -> NAMESPACE);
    }

    @BeforeEach
    void newBrowserAndLoadedScripts() throws IOException {
        this.browser = new Browser(this.port);
        TestRedis.loadScripts(this.redis);
        this.commands.take();
    }

    @AfterEach
    void deleteOurKeys() {
        TestRedis.deleteAll(this.redis, NAMESPACE);
    }

    private String key(String id) {
        return NAMESPACE + ":session:{" + SessionIds.hash(id) + "}";
    }

    @Test
    void theRedisStoreIsInUse() {
        assertThat(this.store).isInstanceOf(RedisSessionStore.class);
    }

    @Test
    void theCounterIncrementsAcrossRequestsAndANewClientStartsFresh() {
        assertThat(this.browser.get("/counter").body()).isEqualTo("1");
        assertThat(this.browser.get("/counter").body()).isEqualTo("2");
        assertThat(this.browser.get("/counter").body()).isEqualTo("3");
        assertThat(new Browser(this.port).get("/counter").body()).isEqualTo("1");
        assertThat(this.browser.get("/counter").body()).isEqualTo("4");
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).hasSize(2);
    }

    @Test
    void aRequestThatNeverTouchesTheSessionSendsNoCookieAndNoCommand() {
        this.browser.get("/counter");
        this.commands.take();
        HttpResponse<String> response = this.browser.get("/noop");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(this.browser.sessionCookie(response)).isEmpty();
        assertThat(this.commands.take()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/fail", "/fail-entity" })
    void aServerErrorKeepsNoChanges(String path) {
        this.browser.get("/counter");
        String cookie = this.browser.cookie;
        HttpResponse<String> failed = this.browser.get(path);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(this.browser.sessionCookie(failed)).isEmpty();
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
        assertThat(this.browser.cookie).isEqualTo(cookie);
    }

    @Test
    void aFailureOnANewSessionCreatesNothing() {
        assertThat(this.browser.get("/fail").statusCode()).isEqualTo(500);
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).isEmpty();
    }

    @Test
    void anUnknownIdIsNeverAdopted() {
        String unknown = SessionIds.generate();
        this.browser.cookie = unknown;
        HttpResponse<String> response = this.browser.get("/counter");
        assertThat(response.body()).isEqualTo("1");
        assertThat(this.browser.cookie).isNotEqualTo(unknown).hasSize(SessionIds.LENGTH);
        assertThat(this.redis.hasKey(key(unknown))).isFalse();
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).containsExactly(key(this.browser.cookie));
    }

    @Test
    void loginRotatesTheIdAndKeepsTheData() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        this.browser.get("/login");
        assertThat(this.browser.cookie).isNotEqualTo(before);
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).containsExactly(key(this.browser.cookie));
        this.browser.cookie = before;
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

    @Test
    void logoutDeletesTheSessionAndClearsTheCookie() {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        HttpResponse<String> response = this.browser.get("/logout");
        assertThat(this.browser.sessionCookie(response))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).isEmpty();
        this.browser.cookie = before;
        assertThat(this.browser.get("/read").body()).isEqualTo("0");
    }

    @Test
    void theKeyHoldsTheHashOfTheIdInAClusterHashTagAndNeverTheId() {
        this.browser.get("/counter");
        String id = this.browser.cookie;
        assertThat(TestRedis.keys(this.redis, NAMESPACE))
            .containsExactly(NAMESPACE + ":session:{" + SessionIds.hash(id) + "}");
        assertThat(TestRedis.keysMatching(this.redis, "*" + id + "*"))
            .as("keys anywhere on the server that contain the raw id")
            .isEmpty();
        Map<Object, Object> fields = this.redis.opsForHash().entries(key(id));
        assertThat(fields).containsEntry("d:count", "1").doesNotContainValue(id);
    }

    @Test
    void theTtlIsTheIdleTimeoutAndIsRefreshedOnTheTouchRule() {
        this.browser.get("/counter");
        String key = key(this.browser.cookie);
        assertThat(this.redis.getExpire(key)).isBetween(Duration.ofDays(14).minusMinutes(1).toSeconds(),
                Duration.ofDays(14).toSeconds());
        // As if the session had sat idle in Redis for most of its life.
        this.redis.expire(key, Duration.ofMinutes(10));

        this.clock.advance(Duration.ofSeconds(30));
        this.commands.take();
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
        assertThat(this.commands.take()).as("a read within the touch interval").containsExactly("HGETALL");
        assertThat(this.redis.getExpire(key)).isLessThanOrEqualTo(Duration.ofMinutes(10).toSeconds());

        this.clock.advance(Duration.ofMinutes(2));
        this.commands.take();
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
        assertThat(this.commands.take()).as("a read after the touch interval").containsExactly("HGETALL", "EVALSHA");
        assertThat(this.redis.getExpire(key)).isGreaterThan(Duration.ofDays(14).minusMinutes(1).toSeconds());
    }

    @Test
    void roundTripsPerRequest() {
        this.browser.get("/counter");
        assertThat(this.commands.take()).as("new session").containsExactly("EVALSHA");
        this.browser.get("/read");
        assertThat(this.commands.take()).as("read").containsExactly("HGETALL");
        this.browser.get("/counter");
        assertThat(this.commands.take()).as("write").containsExactly("HGETALL", "EVALSHA");
        this.browser.get("/noop");
        assertThat(this.commands.take()).as("untouched").isEmpty();
        this.browser.get("/login");
        assertThat(this.commands.take()).as("rotation").containsExactly("HGETALL", "EVALSHA", "EVALSHA");
        this.browser.get("/logout");
        assertThat(this.commands.take()).as("invalidation, a script that says whose session it was")
            .containsExactly("HGETALL", "EVALSHA");
    }

    @Test
    void roundTripsPerRequestOfASessionWithAUser() {
        this.browser.get("/counter");
        this.commands.take();
        this.browser.get("/sign-in");
        assertThat(this.commands.take()).as("log-in: indexed under the new id, then the move's two scripts")
            .containsExactly("HGETALL", "EVALSHA", "EVALSHA", "EVALSHA");
        this.browser.get("/read");
        assertThat(this.commands.take()).as("read").containsExactly("HGETALL");
        this.browser.get("/counter");
        assertThat(this.commands.take()).as("write: the index entry follows the expiry")
            .containsExactly("HGETALL", "EVALSHA", "EVALSHA");
        this.browser.get("/logout");
        assertThat(this.commands.take()).as("invalidation, then out of the index")
            .containsExactly("HGETALL", "EVALSHA", "EVALSHA");
        assertThat(TestRedis.keys(this.redis, NAMESPACE)).isEmpty();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Support {

        @Bean
        MovableClock clock() {
            return new MovableClock();
        }

        @Bean
        SignIn signIn() {
            return new SignIn();
        }

        @Bean
        RedisCommandLog redisCommandLog(LettuceConnectionFactory connectionFactory) {
            return RedisCommandLog.attachTo(connectionFactory);
        }

    }

    /** A log-in as an application without Spring Security names its user. */
    @RestController
    static class SignIn {

        @GetMapping("/sign-in")
        String signIn(SessionMap session) {
            session.setPrincipalName("ann");
            return "welcome";
        }

    }

}
