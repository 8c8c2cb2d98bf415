package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.memory.InMemorySessionStore;
import dev.sessionmap.web.SessionCookies;
import dev.sessionmap.web.SessionFilter;

import static org.assertj.core.api.Assertions.assertThat;

class SessionAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class, SessionAutoConfiguration.class,
                DatastoreSessionAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "spring.jpa.hibernate.ddl-auto=validate");

    @Test
    void theDatastoreStoreIsTheDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(JdbcSessionStore.class)
                .hasSingleBean(SessionFilter.class)
                .hasSingleBean(SessionCodec.class)
                .hasSingleBean(SessionSchemaInitializer.class)
                .hasSingleBean(FilterRegistrationBean.class);
            assertThat(context.getBean(FilterRegistrationBean.class).getOrder())
                .isEqualTo(SessionAutoConfiguration.FILTER_ORDER);
            // The shipped script created the table; Hibernate (ddl-auto=validate) checks only its own entities.
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM sessionmap_session", Integer.class)).isZero();
        });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void bindingToTheAddressWithTheFrameworkForwardedHeadersStrategyWarnsAtStartUp(CapturedOutput output) {
        this.runner.withPropertyValues("app.session.bind-to-ip=true", "server.forward-headers-strategy=native")
            .run((context) -> assertThat(output).doesNotContain("forward-headers-strategy=framework"));
        this.runner.withPropertyValues("app.session.bind-to-ip=true", "server.forward-headers-strategy=framework")
            .run((context) -> assertThat(output)
                .contains("app.session.bind-to-ip=true with server.forward-headers-strategy=framework")
                .contains("server.tomcat.remoteip.internal-proxies"));
    }

    @Test
    void propertiesAreBound() {
        this.runner
            .withPropertyValues("app.session.timeout=2h", "app.session.touch-interval=5m", "app.session.cookie.name=sid",
                    "app.session.cookie.secure=true", "app.session.cookie.same-site=Strict",
                    "app.session.datastore.query-timeout=2s", "app.session.datastore.max-attempts=3")
            .run((context) -> {
                SessionSettings settings = context.getBean(SessionSettings.class);
                assertThat(settings.idleTimeout()).isEqualTo(Duration.ofHours(2));
                assertThat(settings.touchInterval()).isEqualTo(Duration.ofMinutes(5));
                assertThat(context.getBean(SessionCookies.class).name()).isEqualTo("sid");
                SessionProperties properties = context.getBean(SessionProperties.class);
                assertThat(properties.getCookie().getSameSite()).isEqualTo("Strict");
                assertThat(properties.getDatastore().getQueryTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(properties.getDatastore().getMaxAttempts()).isEqualTo(3);
            });
    }

    @Test
    void theQueryTimeoutAppliesExceptOnAnInMemoryDatabase() {
        this.runner.withPropertyValues("app.session.datastore.query-timeout=3s")
            .run((context) -> assertThat(context.getBean(JdbcSessionStore.class).queryTimeoutSeconds()).isZero());
        this.runner
            .withPropertyValues("spring.datasource.url=jdbc:h2:file:./target/h2-" + UUID.randomUUID(),
                    "app.session.datastore.initialize-schema=always", "app.session.datastore.query-timeout=3s")
            .run((context) -> assertThat(context.getBean(JdbcSessionStore.class).queryTimeoutSeconds()).isEqualTo(3));
    }

    @Test
    void storeNamesAreCaseInsensitive() {
        this.runner.withPropertyValues("app.session.store=DataStore")
            .run((context) -> assertThat(context).hasSingleBean(JdbcSessionStore.class));
    }

    @Test
    void anUnknownStoreFailsAtStartUpNamingTheValidOnes() {
        this.runner.withPropertyValues("app.session.store=memcache").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("app.session.store=memcache")
                .hasMessageContaining("datastore, secure-cookie");
        });
    }

    @Test
    void theDatastoreWithoutADataSourceFailsAtStartUpSayingWhatToAdd() {
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(NoSessionStoreException.class)
                    .hasMessageContaining("needs a DataSource")
                    .hasMessageContaining("com.h2database:h2")
                    .hasMessageContaining("app.session.store=secure-cookie");
            });
    }

    @Test
    void userBeansWin() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).doesNotHaveBean(JdbcSessionStore.class);
            assertThat(context.getBean(SessionStore.class)).isSameAs(context.getBean("myStore"));
            assertThat(context.getBean(SessionCodec.class)).isSameAs(context.getBean("myCodec"));
        });
    }

    @Test
    void schemaInitializationCanBeTurnedOff() {
        this.runner.withPropertyValues("app.session.datastore.initialize-schema=never", "spring.jpa.hibernate.ddl-auto=none")
            .run((context) -> assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SESSIONMAP_SESSION'",
                        Integer.class))
                .isZero());
    }

    @Test
    void aNonWebApplicationWithJpaStartsWithoutSessionBeans() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    HibernateJpaAutoConfiguration.class, SessionAutoConfiguration.class,
                    DatastoreSessionAutoConfiguration.class, ServerSessionAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(SessionFilter.class)
                    .doesNotHaveBean(SessionStore.class)
                    .doesNotHaveBean(SessionPurger.class);
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        @Bean
        SessionStore myStore() {
            return new InMemorySessionStore(SessionCodec.withDefaults());
        }

        @Bean
        SessionCodec myCodec() {
            return SessionCodec.withDefaults();
        }
    }
}
