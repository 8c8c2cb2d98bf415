package dev.sessionmap.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** What a start-up without the store's dependencies tells the user to do. */
class NoSessionStoreFailureAnalyzerTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class,
                    DataRedisAutoConfiguration.class, RedisSessionAutoConfiguration.class));

    @Test
    void isRegisteredForSpringBootsFailureAnalysis() {
        // Boot's own analyzers want constructor arguments that only a running application
        // supplies: skip them.
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, (type, implementation, failure) -> {
            })).hasAtLeastOneElementOfType(NoSessionStoreFailureAnalyzer.class);
    }

    @Test
    void theDatastoreWithoutJdbcOnTheClassPathNamesTheStarterTheEmbeddedDatabaseAndTheCookieStore() {
        this.runner
            .withClassLoader(new FilteredClassLoader("org.springframework.jdbc", "org.springframework.boot.jdbc"))
            .run((context) -> {
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("app.session.store=datastore")
                    .contains("Spring JDBC is not on the class path");
                assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-jdbc")
                    .contains("com.h2database:h2 (an embedded database")
                    .contains("org.postgresql:postgresql")
                    .contains("app.session.store=secure-cookie")
                    .contains("APP_SESSION_SECRET");
            });
    }

    @Test
    void theDatastoreWithJdbcButNoDataSourceNamesADriverOrADataSourceBean() {
        this.runner.run((context) -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("has no DataSource");
            assertThat(analysis.getAction()).contains("com.h2database:h2")
                .contains("define a DataSource bean")
                .doesNotContain("spring-boot-starter-jdbc")
                .contains("app.session.store=secure-cookie");
        });
    }

    @Test
    void redisWithoutSpringDataRedisNamesItsStarter() {
        this.runner.withPropertyValues("app.session.store=redis")
            .withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
            .run((context) -> {
                FailureAnalysis analysis = analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("Spring Data Redis is not on the class path");
                assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-data-redis")
                    .contains("spring.data.redis.url");
            });
    }

    private static FailureAnalysis analyze(Throwable failure) {
        assertThat(failure).as("start-up failure").isNotNull();
        FailureAnalysis analysis = new NoSessionStoreFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of " + failure).isNotNull();
        return analysis;
    }

}
