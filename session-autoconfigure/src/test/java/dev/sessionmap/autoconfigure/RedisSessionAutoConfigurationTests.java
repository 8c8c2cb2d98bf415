package dev.sessionmap.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.ServerSessionStore;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.memory.InMemorySessionStore;
import dev.sessionmap.store.redis.RedisSessionStore;
import dev.sessionmap.web.SessionFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store's auto-configuration; Redis itself is not needed, since connections are
 * made lazily.
 */
class RedisSessionAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                DataRedisAutoConfiguration.class, SessionAutoConfiguration.class,
                DatastoreSessionAutoConfiguration.class, RedisSessionAutoConfiguration.class,
                ServerSessionAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1");

    @Test
    void theRedisStoreRunsOnBootsConnectionFactoryWithAPurgeThatReportsExpiredSessionsOfUsers() {
        this.runner.withPropertyValues("app.session.store=redis").run((context) -> {
            assertThat(context).hasSingleBean(RedisSessionStore.class)
                .hasSingleBean(SessionFilter.class)
                .doesNotHaveBean(JdbcSessionStore.class)
                .hasSingleBean(SessionPurger.class)
                .hasSingleBean(SessionPurgeMetrics.class);
            assertThat(context.getBean(PurgeableSessionStore.class)).isSameAs(context.getBean(RedisSessionStore.class));
            assertThat(context.getBean(SessionPurger.class).isScheduled()).isTrue();
            assertThat(context.getBean(SessionProperties.class).getRedis().getNamespace()).isEqualTo("sessionmap");
        });
    }

    @Test
    void theAdminBeanServesTheRedisStore() {
        this.runner.withPropertyValues("app.session.store=redis").run((context) -> {
            assertThat(context).hasSingleBean(SessionAdmin.class).hasSingleBean(ServerSessionStore.class);
            assertThat(context.getBean(ServerSessionStore.class)).isSameAs(context.getBean(RedisSessionStore.class));
        });
    }

    @Test
    void theStoreNameIsCaseInsensitive() {
        this.runner.withPropertyValues("app.session.store=Redis")
            .run((context) -> assertThat(context).hasSingleBean(RedisSessionStore.class));
    }

    @Test
    void theNamespaceIsBound() {
        this.runner.withPropertyValues("app.session.store=redis", "app.session.redis.namespace=shop")
            .run((context) -> assertThat(context.getBean(SessionProperties.class).getRedis().getNamespace())
                .isEqualTo("shop"));
    }

    @Test
    void waitingForReplicasIsOffByDefaultAndItsTimeoutABareNumberOfSeconds() {
        this.runner.withPropertyValues("app.session.store=redis").run((context) -> {
            SessionRedisProperties redis = context.getBean(SessionProperties.class).getRedis();
            assertThat(redis.getWaitReplicas()).isZero();
            assertThat(redis.getWaitTimeout()).isEqualTo(Duration.ofMillis(100));
        });
        this.runner
            .withPropertyValues("app.session.store=redis", "app.session.redis.wait-replicas=2",
                    "app.session.redis.wait-timeout=1")
            .run((context) -> {
                SessionRedisProperties redis = context.getBean(SessionProperties.class).getRedis();
                assertThat(redis.getWaitReplicas()).isEqualTo(2);
                assertThat(redis.getWaitTimeout()).isEqualTo(Duration.ofSeconds(1));
            });
    }

    @Test
    void aNegativeReplicaCountFailsAtStartUpNamingTheProperty() {
        this.runner.withPropertyValues("app.session.store=redis", "app.session.redis.wait-replicas=-1")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("app.session.redis.wait-replicas"));
    }

    @Test
    void aZeroTimeoutWhichRedisReadsAsForeverFailsAtStartUpWhenWaiting() {
        this.runner
            .withPropertyValues("app.session.store=redis", "app.session.redis.wait-replicas=1",
                    "app.session.redis.wait-timeout=0")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("app.session.redis.wait-timeout")
                .hasMessageContaining("forever"));
    }

    @Test
    void aNamespaceThatWouldBreakTheClusterHashTagFailsAtStartUp() {
        this.runner.withPropertyValues("app.session.store=redis", "app.session.redis.namespace={shop}")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("namespace")
                    .hasMessageContaining("{shop}");
            });
    }

    @Test
    void otherStoresLeaveRedisAlone() {
        this.runner.run((context) -> assertThat(context).hasSingleBean(JdbcSessionStore.class)
            .doesNotHaveBean(RedisSessionStore.class));
    }

    @Test
    void aUserStoreWins() {
        this.runner.withPropertyValues("app.session.store=redis")
            .withUserConfiguration(UserStore.class)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(RedisSessionStore.class);
                assertThat(context.getBean(SessionStore.class)).isSameAs(context.getBean("myStore"));
            });
    }

    @Test
    void withoutSpringDataRedisStartUpFailsSayingWhatToAdd() {
        this.runner.withPropertyValues("app.session.store=redis")
            .withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("app.session.store=redis")
                    .hasMessageContaining("spring-boot-starter-data-redis");
            });
    }

    @Test
    void nothingIsConfiguredOutsideAWebApplication() {
        new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisSessionAutoConfiguration.class))
            .withPropertyValues("app.session.store=redis")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionStore.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {

        @Bean
        SessionStore myStore() {
            return new InMemorySessionStore(SessionCodec.withDefaults());
        }

    }

}
