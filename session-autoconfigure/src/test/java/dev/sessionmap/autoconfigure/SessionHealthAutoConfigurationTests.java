package dev.sessionmap.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.store.cookie.TestSecrets;
import dev.sessionmap.store.memory.InMemorySessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sessionmap} health contributor for each store, and when it backs off.
 */
class SessionHealthAutoConfigurationTests {

    private static final String INDICATOR = "sessionmapHealthIndicator";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DataRedisAutoConfiguration.class,
                SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class,
                SecureCookieSessionAutoConfiguration.class, RedisSessionAutoConfiguration.class,
                SessionHealthAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

    @Test
    void theDatastoreIsUpWhileItsTableAnswersAndDownWhenItIsGone() {
        this.runner.run((context) -> {
            HealthIndicator indicator = context.getBean(INDICATOR, HealthIndicator.class);
            Health health = indicator.health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("store", "datastore")
                .containsEntry("table", "sessionmap_session");
            new JdbcTemplate(context.getBean(DataSource.class)).execute("DROP TABLE sessionmap_session");
            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void theSecureCookieStoreIsAlwaysUp() {
        this.runner.withPropertyValues("app.session.store=secure-cookie", "app.session.secret=" + TestSecrets.random())
            .run((context) -> {
                Health health = context.getBean(INDICATOR, HealthIndicator.class).health(true);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("store", "secure-cookie");
            });
    }

    @Test
    void redisIsDownWhenItDoesNotAnswerPing() {
        this.runner.withPropertyValues("app.session.store=redis", "spring.data.redis.url=redis://127.0.0.1:1")
            .run((context) -> assertThat(context.getBean(INDICATOR, HealthIndicator.class).health(true).getStatus())
                .isEqualTo(Status.DOWN));
    }

    @Test
    void redisIsUpWhenItAnswers() {
        String url = System.getenv("SESSIONMAP_REDIS_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "SESSIONMAP_REDIS_URL is not set");
        this.runner.withPropertyValues("app.session.store=redis", "spring.data.redis.url=" + url)
            .run((context) -> assertThat(context.getBean(INDICATOR, HealthIndicator.class).health(true).getStatus())
                .isEqualTo(Status.UP));
    }

    @Test
    void anApplicationsOwnStoreGetsNone() {
        this.runner.withBean(InMemorySessionStore.class, () -> new InMemorySessionStore(SessionCodec.withDefaults()))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(INDICATOR));
    }

    @Test
    void itCanBeTurnedOff() {
        this.runner.withPropertyValues("management.health.sessionmap.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(INDICATOR));
    }

    @Test
    void withoutActuatorItBacksOff() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(INDICATOR));
    }

}
