package dev.sessionmap.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.jpa.JpaSessionStore;
import dev.sessionmap.store.jpa.SessionEntity;

/**
 * The datastore store: sessions in a JPA table. The session entity joins the application's
 * persistence unit whether or not the application declares its own {@code @EntityScan}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ EntityManagerFactory.class, SessionEntity.class, EntityManagerFactoryBuilderCustomizer.class })
@ConditionalOnSessionStore(StoreType.DATASTORE)
@EnableConfigurationProperties(SessionProperties.class)
public final class DatastoreSessionAutoConfiguration {

    @Bean
    EntityManagerFactoryBuilderCustomizer sessionEntityRegistration() {
        String entity = SessionEntity.class.getName();
        return (builder) -> builder.addPersistenceUnitPostProcessors((unit) -> {
            if (!unit.getManagedClassNames().contains(entity)) {
                unit.addManagedClassName(entity);
            }
        });
    }

    @Bean
    @ConditionalOnMissingBean(SessionStore.class)
    @ConditionalOnSingleCandidate(EntityManagerFactory.class)
    JpaSessionStore sessionStore(EntityManagerFactory entityManagerFactory, SessionCodec codec,
            SessionProperties properties, ObjectProvider<DataSource> dataSource) {
        SessionProperties.Datastore datastore = properties.getDatastore();
        // An in-memory database cannot hang on a network, and H2's driver pays for a JDBC query timeout
        // with an extra SET QUERY_TIMEOUT command before every statement.
        Duration timeout = isInMemory(dataSource.getIfUnique()) ? Duration.ZERO : datastore.getQueryTimeout();
        return new JpaSessionStore(entityManagerFactory, codec, timeout, datastore.getMaxAttempts());
    }

    private static boolean isInMemory(@Nullable DataSource dataSource) {
        try {
            return dataSource != null && EmbeddedDatabaseConnection.isEmbedded(dataSource);
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class SchemaInitialization {

        @Bean
        @ConditionalOnMissingBean
        SessionSchemaInitializer sessionSchemaInitializer(DataSource dataSource, SessionProperties properties) {
            return new SessionSchemaInitializer(dataSource, properties.getDatastore().getInitializeSchema());
        }
    }
}
