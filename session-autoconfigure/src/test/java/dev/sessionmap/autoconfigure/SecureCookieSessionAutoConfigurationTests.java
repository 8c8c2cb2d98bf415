package dev.sessionmap.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.cookie.SecureCookieCodec;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.web.SessionCookies;
import dev.sessionmap.web.SessionFilter;
import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secure-cookie store's auto-configuration: no database, a required strong secret,
 * rotation.
 */
class SecureCookieSessionAutoConfigurationTests {

    private static final String SECRET = TestSecrets.random();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class,
                DatastoreSessionAutoConfiguration.class, SecureCookieSessionAutoConfiguration.class))
        .withPropertyValues("app.session.store=secure-cookie");

    @ParameterizedTest
    @ValueSource(strings = { "secure-cookie", "SECURE_COOKIE", "secure_cookie", "Secure-Cookie" })
    void theStoreIsNamedInAnyOfBootsRelaxedSpellings(String spelling) {
        this.runner.withPropertyValues("app.session.store=" + spelling, "app.session.secret=" + SECRET)
            .run((context) -> assertThat(context).hasSingleBean(SecureCookieSessionStore.class)
                .doesNotHaveBean(JdbcSessionStore.class));
    }

    private static SessionWrite write(SessionCodec codec, Instant now) {
        return SessionWrite.create("id", codec.newData().put("count", 3), now, now.plus(Duration.ofHours(1)));
    }

    @Test
    void theStoreNeedsNoDatabaseAndNoPurge() {
        this.runner.withPropertyValues("app.session.secret=" + SECRET).run((context) -> {
            assertThat(context).hasSingleBean(SecureCookieSessionStore.class)
                .hasSingleBean(SessionFilter.class)
                .doesNotHaveBean(JdbcSessionStore.class)
                .doesNotHaveBean(PurgeableSessionStore.class);
            SessionStore store = context.getBean(SessionStore.class);
            String token = store.save(write(context.getBean(SessionCodec.class), Instant.now()));
            assertThat(store.load(token).data().get("count").asInt()).isEqualTo(3);
        });
    }

    @ParameterizedTest
    @CsvSource({ "'', 8388608", "16, 16777216", "512KB, 524288", "0, 0" })
    void theCacheOfOpenedCookiesIsSizedInMegabytesUnlessAUnitIsGiven(String size, long bytes) {
        this.runner.withPropertyValues("app.session.secret=" + SECRET)
            .withPropertyValues(
                    size.isEmpty() ? new String[0] : new String[] { "app.session.secure-cookie.cache-size=" + size })
            .run((context) -> assertThat(context.getBean(SecureCookieSessionStore.class).cacheBytes())
                .isEqualTo(bytes));
    }

    @Test
    void aNegativeCacheSizeFailsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("app.session.secret=" + SECRET, "app.session.secure-cookie.cache-size=-1MB")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("app.session.secure-cookie.cache-size must not be negative"));
    }

    @Test
    void theSecretIsRequiredAndTheMessageSaysHowToMakeOne() {
        this.runner.run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("app.session.store=secure-cookie needs app.session.secret")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageContaining("APP_SESSION_SECRET");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "changeme", "0123456789abcdef0123456789abcdef",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void aWeakSecretFailsStartUpWithoutBeingQuoted(String secret) {
        this.runner.withPropertyValues("app.session.secret=" + secret).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("app.session.secret is too weak")
                .hasMessageContaining("openssl rand -base64 32")
                .message()
                .doesNotContain(secret);
        });
    }

    @Test
    void aWeakPreviousSecretFailsStartUpNamingIt() {
        this.runner
            .withPropertyValues("app.session.secret=" + SECRET,
                    "app.session.previous-secrets=" + TestSecrets.random() + ",old")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("app.session.previous-secrets[1] is too weak");
            });
    }

    @Test
    void previousSecretsAreBoundAndOpenCookies() {
        String previous = TestSecrets.random();
        this.runner.withPropertyValues("app.session.secret=" + SECRET, "app.session.previous-secrets[0]=" + previous)
            .run((context) -> {
                SessionCodec codec = context.getBean(SessionCodec.class);
                SecureCookieSessionStore old = new SecureCookieSessionStore(
                        new SecureCookieCodec(SecureCookieKeys.of(previous, List.of()), "sessionid"), codec, 200);
                StoredSession loaded = context.getBean(SessionStore.class).load(old.save(write(codec, Instant.now())));
                assertThat(loaded).isNotNull();
                assertThat(loaded.resave()).isTrue();
            });
    }

    @Test
    void theSealIsBoundToTheConfiguredCookieAndSizedForItsAttributes() {
        this.runner
            .withPropertyValues("app.session.secret=" + SECRET, "app.session.cookie.name=visitor",
                    "app.session.cookie.domain=shop.example.com")
            .run((context) -> {
                SecureCookieSessionStore store = context.getBean(SecureCookieSessionStore.class);
                SessionCookies cookies = context.getBean(SessionCookies.class);
                assertThat(store.maxTokenLength()).isEqualTo(CookieUpdate.MAX_COOKIE_BYTES - cookies.overhead());
                String token = store.save(write(context.getBean(SessionCodec.class), Instant.now()));
                SecureCookieKeys keys = SecureCookieKeys.of(SECRET, List.of());
                assertThat(new SecureCookieCodec(keys, "visitor").open(token)).isNotNull();
                assertThat(new SecureCookieCodec(keys, "sessionid").open(token)).isNull();
            });
    }

    @Test
    void theClockBeanJudgesExpiry() {
        Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
        this.runner.withPropertyValues("app.session.secret=" + SECRET)
            .withBean(Clock.class, () -> Clock.fixed(longAgo, java.time.ZoneOffset.UTC))
            .run((context) -> {
                SessionStore store = context.getBean(SessionStore.class);
                SessionCodec codec = context.getBean(SessionCodec.class);
                SessionSettings settings = context.getBean(SessionSettings.class);
                Instant now = context.getBean(Clock.class).instant();
                StoredSession fresh = store.load(store.save(write(codec, longAgo)));
                StoredSession old = store.load(store.save(write(codec, longAgo.minus(Duration.ofHours(1)))));
                assertThat(settings.isExpired(fresh, now)).as("valid until 01:00 in 2000").isFalse();
                assertThat(settings.isExpired(old, now)).isTrue();
            });
    }

    @Test
    void aUserStoreWinsAndNeedsNoSecret() {
        this.runner.withUserConfiguration(UserStore.class).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SecureCookieSessionStore.class);
            assertThat(context.getBean(SessionStore.class)).isSameAs(context.getBean("myStore"));
        });
    }

    @Test
    void theDatastoreDoesNotCreateTheCookieStore() {
        new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(SessionAutoConfiguration.class, SecureCookieSessionAutoConfiguration.class))
            .withUserConfiguration(UserStore.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SecureCookieSessionStore.class));
    }

    @Test
    void withoutItsAutoConfigurationTheFailureSaysWhatIsMissing() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class))
            .withPropertyValues("app.session.store=secure-cookie")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("SecureCookieSessionAutoConfiguration");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {

        @Bean
        SessionStore myStore() {
            return new SessionStore() {

                @Override
                public @Nullable StoredSession load(String token) {
                    return null;
                }

                @Override
                public String save(SessionWrite write) {
                    return write.id();
                }

                @Override
                public void delete(StoredSession session) {
                }
            };
        }

    }

}
