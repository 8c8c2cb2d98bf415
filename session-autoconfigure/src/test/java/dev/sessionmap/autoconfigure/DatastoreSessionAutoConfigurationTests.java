package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.jdbc.connections.spi.AbstractDataSourceBasedMultiTenantConnectionProviderImpl;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.store.jdbc.JdbcSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which DataSource and table the datastore store uses, with and without JPA (multi-tenant
 * JPA included).
 */
class DatastoreSessionAutoConfigurationTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * An application with spring-boot-starter-jdbc only: no JPA auto-configuration, no
     * JPA on the class path.
     */
    private final WebApplicationContextRunner jdbcOnly = new WebApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.hibernate"))
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SessionAutoConfiguration.class,
                DatastoreSessionAutoConfiguration.class, ServerSessionAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + memoryUrl());

    @Test
    void withOnlyJdbcTheStoreKeepsSessionsInTheDefaultTable() {
        this.jdbcOnly.run((context) -> {
            assertThat(context).hasSingleBean(JdbcSessionStore.class)
                .hasSingleBean(SessionSchemaInitializer.class)
                .hasSingleBean(SessionPurger.class);
            String id = save(context.getBean(JdbcSessionStore.class));
            assertThat(hashesIn(context.getBean(DataSource.class), "sessionmap_session"))
                .containsExactly(SessionIds.hash(id));
        });
    }

    @Test
    void aCustomTableNameIsCreatedByTheSchemaScriptAndHoldsTheSessions() {
        this.jdbcOnly.withPropertyValues("app.session.datastore.table-name=web_session").run((context) -> {
            DataSource dataSource = context.getBean(DataSource.class);
            String id = save(context.getBean(JdbcSessionStore.class));
            assertThat(hashesIn(dataSource, "web_session")).containsExactly(SessionIds.hash(id));
            assertThat(new JdbcTemplate(dataSource).queryForObject(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES" + " WHERE TABLE_NAME = 'SESSIONMAP_SESSION'",
                    Integer.class))
                .isZero();
            assertThat(new JdbcTemplate(dataSource).queryForObject(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES" + " WHERE INDEX_NAME = 'WEB_SESSION_PURGE_IDX'",
                    Integer.class))
                .isOne();
        });
    }

    @Test
    void aSchemaQualifiedTableNameIsUsedAsGiven() {
        this.jdbcOnly
            .withPropertyValues("spring.datasource.url=" + memoryUrl() + ";INIT=CREATE SCHEMA IF NOT EXISTS web",
                    "app.session.datastore.table-name=web.visitor_session")
            .run((context) -> {
                String id = save(context.getBean(JdbcSessionStore.class));
                assertThat(hashesIn(context.getBean(DataSource.class), "web.visitor_session"))
                    .containsExactly(SessionIds.hash(id));
            });
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierFailsAtStartUp() {
        this.jdbcOnly.withPropertyValues("app.session.datastore.table-name=sessions; DROP TABLE users")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("plain SQL table name");
            });
    }

    @Test
    void aDataSourceMarkedSessionDataSourceHoldsTheSessionsAndTheOtherIsLeftAlone() {
        this.jdbcOnly.withUserConfiguration(TwoDataSources.class).run((context) -> {
            String id = save(context.getBean(JdbcSessionStore.class));
            assertThat(hashesIn(context.getBean("sessions", DataSource.class), "sessionmap_session"))
                .containsExactly(SessionIds.hash(id));
            assertThat(new JdbcTemplate(context.getBean("application", DataSource.class)).queryForObject(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SESSIONMAP_SESSION'",
                    Integer.class))
                .as("no session table in the primary DataSource")
                .isZero();
        });
    }

    @Test
    void severalDataSourcesWithNoneMarkedOrPrimaryFailAtStartUpSayingWhatToMark() {
        this.jdbcOnly.withUserConfiguration(UnmarkedDataSources.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("@SessionDataSource");
        });
    }

    @Test
    void withJpaTheStoreRunsBesideTheApplicationsPersistenceUnitWhichValidatesOnlyItsOwnEntities() {
        new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                            SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + memoryUrl(), "spring.jpa.hibernate.ddl-auto=validate",
                    "app.session.datastore.table-name=web_session")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionStore.class);
                String id = save(context.getBean(JdbcSessionStore.class));
                assertThat(hashesIn(context.getBean(DataSource.class), "web_session"))
                    .containsExactly(SessionIds.hash(id));
            });
    }

    @Test
    void withMultiTenantJpaTheStoreRunsOnTheDataSource() {
        new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                            SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + memoryUrl(), "spring.jpa.hibernate.ddl-auto=none")
            .withUserConfiguration(MultiTenantJpa.class)
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(EntityManagerFactory.class);
                // What the Hibernate-bound store used to run on does not exist here.
                assertThat(context.getBean(EntityManagerFactory.class)
                    .unwrap(SessionFactoryImplementor.class)
                    .getServiceRegistry()
                    .getService(ConnectionProvider.class)).isNull();
                String id = save(context.getBean(JdbcSessionStore.class));
                assertThat(hashesIn(context.getBean(DataSource.class), "sessionmap_session"))
                    .containsExactly(SessionIds.hash(id));
            });
    }

    private static String memoryUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static String save(JdbcSessionStore store) {
        SessionCodec codec = SessionCodec.withDefaults();
        return store
            .save(SessionWrite.create(SessionIds.generate(), codec.newData(), NOW, NOW.plus(Duration.ofDays(1))));
    }

    private static List<String> hashesIn(DataSource dataSource, String table) {
        return new JdbcTemplate(dataSource).queryForList("SELECT id_hash FROM " + table, String.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {

        @Bean
        @Primary
        DataSource application() {
            return DataSourceBuilder.create().url(memoryUrl()).build();
        }

        @Bean
        @SessionDataSource
        DataSource sessions() {
            return DataSourceBuilder.create().url(memoryUrl()).build();
        }

    }

    /**
     * Hibernate multi-tenancy, one tenant per connection provider call: no single
     * ConnectionProvider exists.
     */
    @Configuration(proxyBeanMethods = false)
    static class MultiTenantJpa {

        @Bean
        HibernatePropertiesCustomizer multiTenancy(DataSource dataSource) {
            return (properties) -> {
                properties.put(AvailableSettings.MULTI_TENANT_CONNECTION_PROVIDER,
                        new AbstractDataSourceBasedMultiTenantConnectionProviderImpl<String>() {

                            @Override
                            protected DataSource selectAnyDataSource() {
                                return dataSource;
                            }

                            @Override
                            protected DataSource selectDataSource(String tenant) {
                                return dataSource;
                            }
                        });
                properties.put(AvailableSettings.MULTI_TENANT_IDENTIFIER_RESOLVER,
                        new CurrentTenantIdentifierResolver<String>() {

                            @Override
                            public String resolveCurrentTenantIdentifier() {
                                return "tenant";
                            }

                            @Override
                            public boolean validateExistingCurrentSessions() {
                                return false;
                            }
                        });
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UnmarkedDataSources {

        @Bean
        DataSource one() {
            return DataSourceBuilder.create().url(memoryUrl()).build();
        }

        @Bean
        DataSource two() {
            return DataSourceBuilder.create().url(memoryUrl()).build();
        }

    }

}
