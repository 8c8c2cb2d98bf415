package dev.sessionmap.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.CachingPrincipalEpochs;
import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.store.jdbc.JdbcPrincipalEpochs;
import dev.sessionmap.store.redis.RedisPrincipalEpochs;

/**
 * The places {@link SecureCookieRevocationAutoConfiguration} can keep users' epochs in,
 * imported in order of precedence: the database, Redis, and nowhere (which says so).
 * Nested here rather than in the auto-configuration, since Spring processes a
 * configuration's own nested classes in no defined order.
 */
final class RevocationEpochsConfigurations {

    private RevocationEpochsConfigurations() {
    }

    /** {@code epochs} behind the configured cache, or as it is when the window is 0. */
    static PrincipalEpochs cached(PrincipalEpochs epochs, SessionRevocationProperties properties,
            ObjectProvider<Clock> clock) {
        Duration ttl = properties.getCacheTtl();
        if (ttl.isZero()) {
            return epochs;
        }
        return new CachingPrincipalEpochs(epochs, ttl, properties.getCacheSize(), clock.getIfUnique(Clock::systemUTC));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ JdbcTemplate.class, JdbcPrincipalEpochs.class, EmbeddedDatabaseConnection.class,
            DataSourceScriptDatabaseInitializer.class })
    @ConditionalOnBean(DataSource.class)
    @Conditional(RevocationStoreCondition.Datastore.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class Datastore {

        @Bean
        @ConditionalOnMissingBean(PrincipalEpochs.class)
        @DependsOnDatabaseInitialization
        PrincipalEpochs jdbcPrincipalEpochs(@SessionDataSource ObjectProvider<DataSource> sessionDataSource,
                ObjectProvider<DataSource> dataSources, SessionProperties properties, ObjectProvider<Clock> clock) {
            DataSource dataSource = DatastoreSessionAutoConfiguration.sessionDataSource(sessionDataSource, dataSources);
            SessionRevocationProperties revocation = properties.getRevocation();
            Duration timeout = EpochTables.isInMemory(dataSource) ? Duration.ZERO
                    : properties.getDatastore().getQueryTimeout();
            JdbcPrincipalEpochs epochs = new JdbcPrincipalEpochs(dataSource, revocation.table(), timeout);
            EpochTables.check(epochs);
            return cached(epochs, revocation, clock);
        }

        @Bean
        @ConditionalOnMissingBean(name = "principalEpochSchemaInitializer")
        SessionSchemaInitializer principalEpochSchemaInitializer(
                @SessionDataSource ObjectProvider<DataSource> sessionDataSource, ObjectProvider<DataSource> dataSources,
                SessionProperties properties) {
            SessionRevocationProperties revocation = properties.getRevocation();
            return new SessionSchemaInitializer(
                    DatastoreSessionAutoConfiguration.sessionDataSource(sessionDataSource, dataSources),
                    revocation.table(), DatabaseInitializationMode.valueOf(revocation.getInitializeSchema().name()),
                    JdbcPrincipalEpochs.SCHEMA_LOCATION);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ RedisConnectionFactory.class, RedisPrincipalEpochs.class })
    @ConditionalOnSingleCandidate(RedisConnectionFactory.class)
    @Conditional(RevocationStoreCondition.Redis.class)
    static class Redis {

        @Bean
        @ConditionalOnMissingBean(PrincipalEpochs.class)
        PrincipalEpochs redisPrincipalEpochs(RedisConnectionFactory connectionFactory, SessionProperties properties,
                ObjectProvider<Clock> clock) {
            return cached(new RedisPrincipalEpochs(connectionFactory, properties.getRedis().getNamespace()),
                    properties.getRevocation(), clock);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Nowhere {

        @Bean
        @ConditionalOnMissingBean(PrincipalEpochs.class)
        UnrevocableCookieSessions unrevocableCookieSessions(SessionProperties properties) {
            return new UnrevocableCookieSessions(properties.getRevocation().getStore());
        }

    }

}
