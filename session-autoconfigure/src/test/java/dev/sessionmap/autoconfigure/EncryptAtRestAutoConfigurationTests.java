package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.store.cookie.TestSecrets;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.redis.RedisSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code app.session.encrypt-at-rest}: off by default, sealing the datastore's rows when
 * on, still reading them when off again, and failing start-up without a usable secret.
 */
class EncryptAtRestAutoConfigurationTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final String secret = TestSecrets.random();

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private final WebApplicationContextRunner datastore = new WebApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.hibernate"))
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SessionAutoConfiguration.class,
                DatastoreSessionAutoConfiguration.class, ServerSessionAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + this.url);

    private final WebApplicationContextRunner redis = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, SessionAutoConfiguration.class,
                RedisSessionAutoConfiguration.class, ServerSessionAutoConfiguration.class))
        .withPropertyValues("app.session.store=redis", "spring.data.redis.url=redis://127.0.0.1:1");

    @Test
    void offByDefaultSoRowsArePlainJson() {
        this.datastore.run((context) -> {
            assertThat(context.getBean(SessionProperties.class).isEncryptAtRest()).isFalse();
            assertThat(storedData(context, save(context))).startsWith("{").contains("4111");
        });
    }

    @Test
    void onWithASecretRowsAreSealedAndReadBack() {
        this.datastore.withPropertyValues("app.session.encrypt-at-rest=true", "app.session.secret=" + this.secret)
            .run((context) -> {
                String id = save(context);
                assertThat(storedData(context, id)).startsWith("~").doesNotContain("4111");
                assertThat(context.getBean(JdbcSessionStore.class).load(id)).isNotNull();
            });
    }

    @Test
    void turnedOffAgainTheSecretStillOpensSealedRows() {
        String[] id = new String[1];
        this.datastore.withPropertyValues("app.session.encrypt-at-rest=true", "app.session.secret=" + this.secret)
            .run((context) -> id[0] = save(context));
        this.datastore.withPropertyValues("app.session.secret=" + this.secret)
            .run((context) -> assertThat(context.getBean(JdbcSessionStore.class).load(id[0])).isNotNull());
        this.datastore
            .run((context) -> assertThat(context.getBean(JdbcSessionStore.class).load(id[0])).as("without the secret")
                .isNull());
    }

    @Test
    void onWithoutASecretFailsStartUpSayingWhatToSet() {
        this.datastore.withPropertyValues("app.session.encrypt-at-rest=true").run((context) -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("app.session.encrypt-at-rest=true needs app.session.secret")
                .contains("not set");
            assertThat(analysis.getAction()).contains("Set app.session.secret")
                .contains("openssl rand -base64 32")
                .contains("APP_SESSION_SECRET")
                .contains("app.session.encrypt-at-rest=false");
        });
        this.redis.withPropertyValues("app.session.encrypt-at-rest=true")
            .run((context) -> assertThat(analyze(context).getDescription()).contains("needs app.session.secret"));
    }

    @Test
    void onWithAWeakSecretOrPreviousSecretFailsStartUpNamingIt() {
        this.datastore.withPropertyValues("app.session.encrypt-at-rest=true", "app.session.secret=changeme")
            .run((context) -> assertThat(analyze(context).getDescription()).contains("app.session.secret")
                .contains("too weak"));
        this.redis
            .withPropertyValues("app.session.encrypt-at-rest=true", "app.session.secret=" + this.secret,
                    "app.session.previous-secrets[0]=changeme")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("app.session.previous-secrets[0]: it is too weak"));
    }

    @Test
    void offAWeakSecretIsLeftToTheSecureCookieAndRedisStartsWithOrWithoutIt() {
        this.datastore.withPropertyValues("app.session.secret=changeme")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionStore.class));
        this.redis.withPropertyValues("app.session.encrypt-at-rest=true", "app.session.secret=" + this.secret)
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RedisSessionStore.class));
    }

    @Test
    void theAnalyzerIsRegisteredForSpringBootsFailureAnalysis() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, (type, implementation, failure) -> {
            })).hasAtLeastOneElementOfType(AtRestEncryptionFailureAnalyzer.class);
    }

    private static String save(AssertableWebApplicationContext context) {
        SessionCodec codec = context.getBean(SessionCodec.class);
        var data = codec.newData();
        data.put("card", "4111 1111 1111 1111");
        return context.getBean(JdbcSessionStore.class)
            .save(SessionWrite.create(SessionIds.generate(), data, NOW, NOW.plus(Duration.ofDays(1))));
    }

    private static String storedData(AssertableWebApplicationContext context, String id) {
        return new JdbcTemplate(context.getBean(DataSource.class))
            .queryForObject("SELECT data FROM sessionmap_session WHERE id_hash = ?", String.class, SessionIds.hash(id));
    }

    private static FailureAnalysis analyze(AssertableWebApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new AtRestEncryptionFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("analysis of " + context.getStartupFailure()).isNotNull();
        return analysis;
    }

}
