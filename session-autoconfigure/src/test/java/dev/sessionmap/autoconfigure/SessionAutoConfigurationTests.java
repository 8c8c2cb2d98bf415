package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

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
            // The shipped script created the table; Hibernate (ddl-auto=validate) checks
            // only its own entities.
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
        this.runner.withPropertyValues("app.session.timeout=2h", "app.session.touch-interval=5m",
                "app.session.cookie.name=sid", "app.session.cookie.secure=true", "app.session.cookie.same-site=Strict",
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
    void aBareNumberInADurationPropertyIsSecondsAsInBootsOwnSessionTimeout() {
        this.runner
            .withPropertyValues("app.session.timeout=1800", "app.session.absolute-timeout=86400",
                    "app.session.touch-interval=60", "app.session.rotate-id-every=3600",
                    "app.session.rotate-id-grace-period=30", "app.session.cookie.max-age=600",
                    "app.session.datastore.query-timeout=2", "app.session.purge.interval=300")
            .run((context) -> {
                SessionSettings settings = context.getBean(SessionSettings.class);
                assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
                assertThat(settings.absoluteTimeout()).isEqualTo(Duration.ofDays(1));
                assertThat(settings.touchInterval()).isEqualTo(Duration.ofMinutes(1));
                assertThat(settings.rotateIdEvery()).isEqualTo(Duration.ofHours(1));
                assertThat(settings.rotateIdGracePeriod()).isEqualTo(Duration.ofSeconds(30));
                SessionProperties properties = context.getBean(SessionProperties.class);
                assertThat(properties.getCookie().getMaxAge()).isEqualTo(Duration.ofMinutes(10));
                assertThat(properties.getDatastore().getQueryTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(properties.getPurge().getInterval()).isEqualTo(Duration.ofMinutes(5));
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
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("app.session.store")
                .hasMessageContaining("memcache")
                .hasMessageContaining("datastore, secure-cookie, redis");
        });
    }

    @Test
    void aHostPrefixedCookieNameStartsOnlyWhenAlwaysSecureWithoutDomainOnTheRootPath() {
        this.runner.withPropertyValues("app.session.cookie.name=__Host-sessionid", "app.session.cookie.secure=true")
            .run((context) -> assertThat(context.getBean(SessionCookies.class).name()).isEqualTo("__Host-sessionid"));
        this.runner.withPropertyValues("app.session.cookie.name=__Host-sessionid").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("app.session.cookie.name=__Host-sessionid needs app.session.cookie.secure=true")
                .hasMessageNotContaining("domain")
                .hasMessageNotContaining("path");
        });
        this.runner
            .withPropertyValues("app.session.cookie.name=__host-sid", "app.session.cookie.secure=true",
                    "app.session.cookie.domain=example.com", "app.session.cookie.path=/shop")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .as("browsers match the prefix ignoring case")
                    .hasMessageContaining("needs no app.session.cookie.domain, app.session.cookie.path=/")
                    .hasMessageNotContaining("secure=true");
            });
    }

    @Test
    void aSecurePrefixedCookieNameStartsOnlyWhenAlwaysSecure() {
        this.runner.withPropertyValues("app.session.cookie.name=__Secure-sessionid", "app.session.cookie.secure=false")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining(
                            "app.session.cookie.name=__Secure-sessionid needs app.session.cookie.secure=true");
            });
        this.runner
            .withPropertyValues("app.session.cookie.name=__Secure-sessionid", "app.session.cookie.secure=true",
                    "app.session.cookie.domain=example.com", "app.session.cookie.path=/shop")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void theSessionHeaderIsOffUnlessNamed() {
        this.runner.run((context) -> {
            MockHttpServletResponse response = count(context.getBean(SessionFilter.class), "X-Session-Token", "");
            assertThat(response.getHeader("X-Session-Token")).isNull();
            assertThat(response.getHeaders(HttpHeaders.SET_COOKIE)).singleElement()
                .satisfies((header) -> assertThat(header).startsWith("sessionid="));
        });
        this.runner.withPropertyValues("app.session.header-name=X-Session-Token").run((context) -> {
            MockHttpServletResponse response = count(context.getBean(SessionFilter.class), "x-session-token", "");
            assertThat(response.getHeader("X-Session-Token")).isNotEmpty();
            assertThat(response.getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
            assertThat(response.getHeaders(HttpHeaders.VARY)).containsExactly("X-Session-Token");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = { "X Session", "X-Session-Token:", "Session\u00e9", "Cookie", "set-cookie", "Authorization" })
    void aHeaderNameThatIsNoHttpTokenOrCarriesCookiesOrCredentialsFailsAtStartUp(String name) {
        this.runner.withPropertyValues("app.session.header-name=" + name).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app.session.header-name=")
                .hasMessageContaining("X-Session-Token");
        });
    }

    /**
     * Runs the filter around a handler that writes to the session, on a request sending
     * {@code header}.
     */
    private static MockHttpServletResponse count(SessionFilter filter, String header, String value) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/counter");
        request.addHeader(header, value);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> SessionFilter.lifecycle(req).map().put("count", 1));
        return response;
    }

    @Test
    void theDatastoreWithoutADataSourceFailsAtStartUpSayingWhatToAdd() {
        new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class))
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
        this.runner
            .withPropertyValues("app.session.datastore.initialize-schema=never", "spring.jpa.hibernate.ddl-auto=none")
            .run((context) -> assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SESSIONMAP_SESSION'",
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
