package dev.sessionmap.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.autoconfigure.SessionPurger;
import dev.sessionmap.core.SessionEvent;
import dev.sessionmap.core.SessionExpiredEvent;
import dev.sessionmap.core.UserSession;
import dev.sessionmap.core.UserSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user's sessions on the Redis store, logged in through Spring Security over HTTP:
 * listed, revoked, and gone from Redis's index once logged out or expired, each in a
 * namespace of its own.
 */
@EnabledWithRedis
class RedisUserSessionsHttpTests {

    private final String namespace = TestRedis.namespace();

    private ConfigurableApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of("app.session.store", "redis", "spring.data.redis.url",
                TestRedis.url(), "app.session.redis.namespace", this.namespace));
        properties.putAll(extra);
        return SecuredTestApplication.start(properties);
    }

    private static Browser browser(ConfigurableApplicationContext app) {
        return new Browser(AbstractSpringSecurityHttpTests.port(app));
    }

    /** The keys of the principal index in this test's namespace. */
    private List<String> indexKeys(ConfigurableApplicationContext app) {
        StringRedisTemplate redis = new StringRedisTemplate(app.getBean(RedisConnectionFactory.class));
        Set<String> keys = TestRedis.keys(redis, this.namespace);
        return keys.stream().filter((key) -> !key.startsWith(this.namespace + ":session:")).toList();
    }

    private void cleanUp(ConfigurableApplicationContext app) {
        TestRedis.deleteAll(new StringRedisTemplate(app.getBean(RedisConnectionFactory.class)), this.namespace);
        app.close();
    }

    @Test
    void aRevokedBrowserIsLoggedOutAndLoggingOutEmptiesTheIndex() {
        ConfigurableApplicationContext app = start(Map.of());
        try {
            Browser laptop = browser(app);
            Browser phone = browser(app);
            AbstractSpringSecurityHttpTests.logIn(laptop);
            AbstractSpringSecurityHttpTests.logIn(phone);
            UserSessions users = app.getBean(UserSessions.class);
            List<UserSession> sessions = users.list(SecuredTestApplication.USER);
            assertThat(sessions).hasSize(2);
            assertThat(indexKeys(app)).as("the user's sorted set and the expiry queue").hasSize(2);

            assertThat(users.revoke(SecuredTestApplication.USER, sessions.get(1).id())).isTrue();
            List<Integer> statuses = List.of(laptop.get("/account").statusCode(), phone.get("/account").statusCode());
            assertThat(statuses).as("one browser logged out, one still in").containsExactlyInAnyOrder(200, 302);
            assertThat(users.list(SecuredTestApplication.USER)).extracting(UserSession::id)
                .containsExactly(sessions.get(0).id());

            Browser stillIn = (statuses.get(0) == 200) ? laptop : phone;
            String csrf = stillIn.get("/form").body();
            assertThat(stillIn.post("/logout", Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
            assertThat(users.list(SecuredTestApplication.USER)).isEmpty();
            assertThat(indexKeys(app)).isEmpty();
        }
        finally {
            cleanUp(app);
        }
    }

    @Test
    void onceTheUsersSessionsExpiredNothingOfTheIndexIsLeftAndThePurgeReportsEachOnce() throws Exception {
        ConfigurableApplicationContext app = start(Map.of("app.session.timeout", "2s", "app.session.purge.cron", "-"));
        List<SessionExpiredEvent> expired = new CopyOnWriteArrayList<>();
        app.addApplicationListener((ApplicationListener<PayloadApplicationEvent<SessionEvent>>) (event) -> {
            if (event.getPayload() instanceof SessionExpiredEvent expiry) {
                expired.add(expiry);
            }
        });
        try {
            AbstractSpringSecurityHttpTests.logIn(browser(app));
            AbstractSpringSecurityHttpTests.logIn(browser(app));
            assertThat(app.getBean(UserSessions.class).list(SecuredTestApplication.USER)).hasSize(2);

            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(indexKeys(app)).as("only the expiry queue, waiting for the purge")
                    .containsExactly(this.namespace + ":expiring:{" + this.namespace + "}"));
            SessionPurger purger = app.getBean(SessionPurger.class);
            assertThat(purger.purge()).isEqualTo(2);
            assertThat(purger.purge()).isZero();
            assertThat(indexKeys(app)).isEmpty();
            assertThat(expired).extracting(SessionEvent::principal)
                .containsExactly(SecuredTestApplication.USER, SecuredTestApplication.USER);
            assertThat(expired).extracting(SessionEvent::sessionId).doesNotHaveDuplicates();
        }
        finally {
            cleanUp(app);
        }
    }

}
