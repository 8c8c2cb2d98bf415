package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.jdbc.SessionTable;

/**
 * The datastore store: sessions in a table of the application's {@link DataSource} (the
 * one marked {@link SessionDataSource @SessionDataSource}, else the only or primary one),
 * through Spring JDBC, so it needs no JPA and leaves the application's persistence unit
 * alone.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ JdbcTemplate.class, JdbcSessionStore.class, EmbeddedDatabaseConnection.class })
@ConditionalOnSessionStore(StoreType.DATASTORE)
@EnableConfigurationProperties(SessionProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class DatastoreSessionAutoConfiguration {

    /**
     * The store, once the schema initializer (if any) has run: a table from an earlier
     * sessionmap that it did not upgrade fails the start-up with the statements that do.
     */
    @Bean
    @ConditionalOnMissingBean(SessionStore.class)
    @ConditionalOnBean(DataSource.class)
    @DependsOnDatabaseInitialization
    JdbcSessionStore sessionStore(@SessionDataSource ObjectProvider<DataSource> sessionDataSource,
            ObjectProvider<DataSource> dataSources, SessionCodec codec, SessionProperties properties) {
        DataSource dataSource = sessionDataSource(sessionDataSource, dataSources);
        SessionDatastoreProperties datastore = properties.getDatastore();
        // An in-memory database cannot hang on a network, and H2's driver pays for a JDBC
        // query timeout
        // with an extra SET QUERY_TIMEOUT command before every statement.
        Duration timeout = isInMemory(dataSource) ? Duration.ZERO : datastore.getQueryTimeout();
        SessionTable table = datastore.table();
        List<String> missing = SessionTableUpgrade.missingColumns(dataSource, table);
        if (!missing.isEmpty()) {
            throw new OutdatedSessionTableException(table, missing,
                    SessionTableUpgrade.statementsByDatabase(SessionTableUpgrade.platform(dataSource), table, missing));
        }
        return new JdbcSessionStore(dataSource, table, codec, timeout, datastore.getMaxAttempts(),
                AtRestSealers.of(properties));
    }

    /** The data source marked {@link SessionDataSource}, else the only or primary one. */
    static DataSource sessionDataSource(ObjectProvider<DataSource> sessionDataSource,
            ObjectProvider<DataSource> dataSources) {
        DataSource dataSource = sessionDataSource.getIfAvailable(dataSources::getIfUnique);
        if (dataSource == null) {
            throw new IllegalStateException("app.session.store=datastore found several DataSource beans and none is"
                    + " @Primary or marked @SessionDataSource; mark the one that holds the session table");
        }
        return dataSource;
    }

    private static boolean isInMemory(DataSource dataSource) {
        try {
            return EmbeddedDatabaseConnection.isEmbedded(dataSource);
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
    @ConditionalOnBean(DataSource.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class SchemaInitializerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SessionSchemaInitializer sessionSchemaInitializer(
                @SessionDataSource ObjectProvider<DataSource> sessionDataSource, ObjectProvider<DataSource> dataSources,
                SessionProperties properties) {
            SessionDatastoreProperties datastore = properties.getDatastore();
            return new SessionSchemaInitializer(sessionDataSource(sessionDataSource, dataSources), datastore.table(),
                    DatabaseInitializationMode.valueOf(datastore.getInitializeSchema().name()));
        }

    }

}
