package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.memory.InMemorySessionStore;
import dev.sessionmap.web.SessionMapFlashMapManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The purger, the admin bean and the flash map manager: when they exist, how they are
 * configured, and what they leave alone.
 */
class ServerSessionAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class, SessionAutoConfiguration.class,
                DatastoreSessionAutoConfiguration.class, ServerSessionAutoConfiguration.class,
                SessionFlashMapAutoConfiguration.class, WebMvcAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "spring.jpa.hibernate.ddl-auto=validate");

    @Test
    void theDatastoreGetsAPurgerScheduledEveryTenMinutesAndAnAdminBean() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(SessionPurger.class).hasSingleBean(SessionAdmin.class);
            SessionPurger purger = context.getBean(SessionPurger.class);
            assertThat(purger.isScheduled()).isTrue();
            assertThat(purger.isRunning()).isTrue();
            SessionPurgeProperties purge = context.getBean(SessionProperties.class).getPurge();
            assertThat(purge.getInterval()).isEqualTo(Duration.ofMinutes(10));
            assertThat(purge.getBatchSize()).isEqualTo(1000);
        });
    }

    @Test
    void theScheduledPurgeRunsWithoutEnableSchedulingAndLeavesTheApplicationsScheduledMethodsAlone() {
        this.runner.withPropertyValues("app.session.purge.interval=50ms")
            .withUserConfiguration(UserScheduledTask.class)
            .run((context) -> {
                JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                jdbc.update(
                        "INSERT INTO sessionmap_session (id_hash, data, created_at, last_accessed_at, expires_at, version)"
                                + " VALUES ('" + "a".repeat(64) + "', '{}', 0, 0, 1, 0)");
                await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM sessionmap_session", Integer.class) == 0);
                assertThat(context).doesNotHaveBean(ScheduledAnnotationBeanPostProcessor.class);
                assertThat(context.getBean(UserScheduledTask.class).runs).hasValue(0);
            });
    }

    @Test
    void aCronExpressionReplacesTheIntervalAndADashTurnsTheScheduleOff() {
        this.runner.withPropertyValues("app.session.purge.cron=0 */5 * * * *")
            .run((context) -> assertThat(context.getBean(SessionPurger.class).isScheduled()).isTrue());
        this.runner.withPropertyValues("app.session.purge.cron=-").run((context) -> {
            SessionPurger purger = context.getBean(SessionPurger.class);
            assertThat(purger.isScheduled()).isFalse();
            assertThat(purger.purge()).isZero();
        });
    }

    @Test
    void badSettingsFailAtStartUpNamingTheProperty() {
        this.runner.withPropertyValues("app.session.purge.cron=every five minutes").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("app.session.purge")
                .hasStackTraceContaining("property cron")
                .hasStackTraceContaining("6 fields");
        });
        this.runner.withPropertyValues("app.session.purge.batch-size=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("app.session.purge")
                .hasStackTraceContaining("property batch-size")
                .hasStackTraceContaining("at least 1");
        });
        this.runner.withPropertyValues("app.session.rotate-id-every=0s").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("property rotate-id-every")
                .hasStackTraceContaining("positive");
        });
    }

    @Test
    void aStoreThatKeepsNothingOnTheServerGetsNoPurgerAndNoAdmin() {
        this.runner.withUserConfiguration(ClientSideStore.class).run((context) -> {
            assertThat(context).doesNotHaveBean(SessionPurger.class)
                .doesNotHaveBean(SessionAdmin.class)
                .doesNotHaveBean(SessionPurgeMetrics.class);
        });
    }

    @Test
    void theClassicOptionsAreBoundIntoTheSessionSettings() {
        this.runner
            .withPropertyValues("app.session.save-every-request=true", "app.session.bind-to-user-agent=true",
                    "app.session.bind-to-ip=true", "app.session.rotate-id-every=2h",
                    "app.session.rotate-id-grace-period=10s")
            .run((context) -> {
                SessionSettings settings = context.getBean(SessionSettings.class);
                assertThat(settings.saveEveryRequest()).isTrue();
                assertThat(settings.bindToUserAgent()).isTrue();
                assertThat(settings.bindToAddress()).isTrue();
                assertThat(settings.rotateIdEvery()).isEqualTo(Duration.ofHours(2));
                assertThat(settings.rotateIdGracePeriod()).isEqualTo(Duration.ofSeconds(10));
            });
        this.runner.run((context) -> {
            SessionSettings settings = context.getBean(SessionSettings.class);
            assertThat(settings.saveEveryRequest()).isFalse();
            assertThat(settings.bindToUserAgent()).isFalse();
            assertThat(settings.bindToAddress()).isFalse();
            assertThat(settings.rotateIdEvery()).isNull();
            assertThat(settings.rotateIdGracePeriod()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void flashAttributesGoToTheSessionMapUnlessTheApplicationHasItsOwnFlashMapManager() {
        this.runner.run((context) -> assertThat(context.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME))
            .isInstanceOf(SessionMapFlashMapManager.class));
        this.runner.withUserConfiguration(OwnFlashMapManager.class)
            .run((context) -> assertThat(context.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME))
                .isInstanceOf(SessionFlashMapManager.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserScheduledTask {

        final AtomicInteger runs = new AtomicInteger();

        @Scheduled(fixedDelay = 1)
        void run() {
            this.runs.incrementAndGet();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFlashMapManager {

        @Bean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
        FlashMapManager flashMapManager() {
            return new SessionFlashMapManager();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ClientSideStore {

        @Bean
        SessionStore clientSideStore() {
            return new InMemorySessionStore(SessionCodec.withDefaults());
        }

    }

}
