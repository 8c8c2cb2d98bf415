package dev.sessionmap.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.CachingPrincipalEpochs;
import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.UserSessions;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;
import dev.sessionmap.store.cookie.TestSecrets;
import dev.sessionmap.store.jdbc.JdbcPrincipalEpochs;
import dev.sessionmap.store.redis.RedisPrincipalEpochs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the secure-cookie store keeps users' revocation epochs: the database, else Redis,
 * as configured; and a start-up that says once when it can keep them nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecureCookieRevocationAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class,
                SecureCookieSessionAutoConfiguration.class, SecureCookieRevocationAutoConfiguration.class))
        .withPropertyValues("app.session.store=secure-cookie", "app.session.secret=" + TestSecrets.random());

    private final WebApplicationContextRunner withDatabase = this.runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));

    private final WebApplicationContextRunner withRedis = this.runner
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class));

    private final WebApplicationContextRunner withBoth = this.runner
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DataRedisAutoConfiguration.class));

    private static int occurrences(CapturedOutput output, String text) {
        return output.getAll().split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    @Test
    void withADatabaseTheEpochsAreInItsTableCreatedAtStartUpBehindTheCache(CapturedOutput output) {
        this.withDatabase.run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(UnrevocableCookieSessions.class);
            PrincipalEpochs epochs = context.getBean(PrincipalEpochs.class);
            assertThat(epochs).isInstanceOf(CachingPrincipalEpochs.class)
                .asString()
                .contains("JdbcPrincipalEpochs[sessionmap_principal_epoch]");
            assertThat(context.getBean(SessionHooks.class).epochs()).isSameAs(epochs);
            assertThat(context.getBean(UserSessions.class).canRevoke()).isTrue();
            assertThat(epochs.current("ann")).isZero();
            assertThat(epochs.advance("ann")).isEqualTo(1);
            assertThat(epochs.current("ann")).isEqualTo(1);
            Long rows = new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT epoch FROM sessionmap_principal_epoch WHERE principal = 'ann'", Long.class);
            assertThat(rows).isEqualTo(1);
        });
        assertThat(output).doesNotContain("cannot be revoked");
    }

    @Test
    void withRedisOnlyTheEpochsAreInRedis() {
        this.withRedis.withPropertyValues("app.session.revocation.cache-ttl=0").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PrincipalEpochs.class)).isInstanceOf(RedisPrincipalEpochs.class)
                .asString()
                .contains("sessionmap:epoch:");
        });
    }

    @Test
    void withBothTheDatabaseWinsUnlessRedisIsNamed() {
        this.withBoth.withPropertyValues("app.session.revocation.cache-ttl=0")
            .run((context) -> assertThat(context.getBean(PrincipalEpochs.class))
                .isInstanceOf(JdbcPrincipalEpochs.class));
        this.withBoth.withPropertyValues("app.session.revocation.cache-ttl=0", "app.session.revocation.store=redis")
            .run((context) -> assertThat(context.getBean(PrincipalEpochs.class))
                .isInstanceOf(RedisPrincipalEpochs.class));
        this.withBoth.withPropertyValues("app.session.revocation.cache-ttl=0", "app.session.revocation.store=REDIS")
            .run((context) -> assertThat(context.getBean(PrincipalEpochs.class))
                .isInstanceOf(RedisPrincipalEpochs.class));
    }

    @Test
    void withNeitherTheAppStartsAndSaysOnceThatCookieSessionsCannotBeRevoked(CapturedOutput output) {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(SecureCookieSessionStore.class);
            assertThat(context).doesNotHaveBean(PrincipalEpochs.class);
            assertThat(context.getBean(UserSessions.class).canRevoke()).isFalse();
        });
        assertThat(occurrences(output, UnrevocableCookieSessions.WARNING)).isOne();
        assertThat(output).contains("WARN").contains("app.session.revocation.store=none");
    }

    @Test
    void withoutAnyDatabaseOrRedisClassTheAppStillStarts(CapturedOutput output) {
        this.runner.withClassLoader(new FilteredClassLoader(JdbcTemplate.class, RedisConnectionFactory.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PrincipalEpochs.class));
        assertThat(occurrences(output, UnrevocableCookieSessions.WARNING)).isOne();
    }

    @Test
    void noneTurnsRevocationOffQuietly(CapturedOutput output) {
        this.withBoth.withPropertyValues("app.session.revocation.store=none").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(PrincipalEpochs.class);
            assertThat(context.getBean(UserSessions.class).canRevoke()).isFalse();
        });
        assertThat(output).doesNotContain("cannot be revoked");
    }

    @Test
    void aPlaceNamedButMissingFailsStartUpSayingWhatToSet() {
        this.withRedis.withPropertyValues("app.session.revocation.store=datastore").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("app.session.revocation.store=datastore needs a DataSource");
        });
        this.withDatabase.withPropertyValues("app.session.revocation.store=redis").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("app.session.revocation.store=redis needs exactly one RedisConnectionFactory");
        });
    }

    @Test
    void anUnknownPlaceFailsStartUpListingTheChoices() {
        this.runner.withPropertyValues("app.session.revocation.store=memcached").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("app.session.revocation.store")
                .hasMessageContaining("auto, datastore, redis, none");
        });
    }

    @Test
    void aMissingTableFailsStartUpWithTheStatementThatCreatesIt() {
        this.withDatabase
            .withPropertyValues("app.session.revocation.initialize-schema=never",
                    "app.session.revocation.table-name=epochs_of_users")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("CREATE TABLE IF NOT EXISTS epochs_of_users (")
                    .hasMessageContaining("VARBINARY(1020)")
                    .hasMessageContaining("app.session.revocation.initialize-schema=always")
                    .hasMessageContaining("app.session.revocation.store=none");
            });
    }

    @Test
    void theTableNameIsConfigurable() {
        this.withDatabase.withPropertyValues("app.session.revocation.table-name=epochs_of_users").run((context) -> {
            context.getBean(PrincipalEpochs.class).advance("ann");
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT epoch FROM epochs_of_users WHERE principal = 'ann'", Long.class)).isOne();
        });
    }

    @Test
    void theCacheWindowIsInSecondsWhenBareAndZeroTurnsTheCacheOff() {
        this.withDatabase.withPropertyValues("app.session.revocation.cache-ttl=30").run((context) -> {
            assertThat(context.getBean(SessionProperties.class).getRevocation().getCacheTtl())
                .isEqualTo(Duration.ofSeconds(30));
            assertThat(context.getBean(PrincipalEpochs.class)).isInstanceOf(CachingPrincipalEpochs.class);
        });
        this.withDatabase.withPropertyValues("app.session.revocation.cache-ttl=0")
            .run((context) -> assertThat(context.getBean(PrincipalEpochs.class))
                .isInstanceOf(JdbcPrincipalEpochs.class));
        this.withDatabase.withPropertyValues("app.session.revocation.cache-ttl=-1s")
            .run((context) -> assertThat(context).hasFailed());
    }

    @Test
    void theApplicationsOwnEpochsWin(CapturedOutput output) {
        this.withBoth.withUserConfiguration(OwnEpochs.class).run((context) -> {
            assertThat(context).hasSingleBean(PrincipalEpochs.class);
            assertThat(context.getBean(SessionHooks.class).epochs()).isSameAs(context.getBean("myEpochs"));
        });
        this.runner.withUserConfiguration(OwnEpochs.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UnrevocableCookieSessions.class));
        assertThat(output).doesNotContain("cannot be revoked");
    }

    @Test
    void serverStoresNeedNoEpochs(CapturedOutput output) {
        this.withDatabase.withConfiguration(AutoConfigurations.of(DatastoreSessionAutoConfiguration.class))
            .withPropertyValues("app.session.store=datastore")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PrincipalEpochs.class));
        assertThat(output).doesNotContain("cannot be revoked");
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEpochs {

        @Bean
        PrincipalEpochs myEpochs() {
            return new PrincipalEpochs() {

                @Override
                public long current(String principal) {
                    return 0;
                }

                @Override
                public long advance(String principal) {
                    return 1;
                }
            };
        }

    }

}
