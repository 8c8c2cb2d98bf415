package dev.sessionmap.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.SessionStore;
import dev.sessionmap.health.DatastoreHealthIndicator;
import dev.sessionmap.health.RedisSessionHealthIndicator;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.redis.RedisSessionStore;

/**
 * The session store as the health contributor {@code sessionmap}: the datastore's table
 * answers a query, Redis answers {@code PING}, the secure-cookie store (which needs
 * nothing) is always up. A store of the application's own gets none. Turned off with
 * {@code management.health.sessionmap.enabled=false}.
 */
@AutoConfiguration(after = { DatastoreSessionAutoConfiguration.class, RedisSessionAutoConfiguration.class,
        SecureCookieSessionAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, SessionStore.class })
@ConditionalOnEnabledHealthIndicator("sessionmap")
@EnableConfigurationProperties(SessionProperties.class)
public final class SessionHealthAutoConfiguration {

    static final String BEAN_NAME = "sessionmapHealthIndicator";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    @ConditionalOnBean({ JdbcSessionStore.class, DataSource.class })
    static class DatastoreHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = BEAN_NAME)
        DatastoreHealthIndicator sessionmapHealthIndicator(
                @SessionDataSource ObjectProvider<DataSource> sessionDataSource, ObjectProvider<DataSource> dataSources,
                SessionProperties properties) {
            SessionDatastoreProperties datastore = properties.getDatastore();
            return new DatastoreHealthIndicator(
                    DatastoreSessionAutoConfiguration.sessionDataSource(sessionDataSource, dataSources),
                    datastore.table().name(), datastore.getQueryTimeout());
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisConnectionFactory.class)
    @ConditionalOnBean(RedisSessionStore.class)
    @ConditionalOnSingleCandidate(RedisConnectionFactory.class)
    static class RedisHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = BEAN_NAME)
        RedisSessionHealthIndicator sessionmapHealthIndicator(RedisConnectionFactory connectionFactory) {
            return new RedisSessionHealthIndicator(connectionFactory);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(SecureCookieSessionStore.class)
    static class SecureCookieHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = BEAN_NAME)
        HealthIndicator sessionmapHealthIndicator() {
            Health health = Health.up().withDetail("store", "secure-cookie").build();
            return () -> health;
        }

    }

}
