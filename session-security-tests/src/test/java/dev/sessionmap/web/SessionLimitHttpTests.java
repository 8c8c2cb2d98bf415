package dev.sessionmap.web;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.cookie.TestSecrets;
import dev.sessionmap.store.memory.InMemorySessionStore;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring Security's session limit on every store that lists a user's sessions: one map
 * shared by two instances in this JVM, H2, PostgreSQL and MariaDB where
 * {@code SESSIONMAP_POSTGRES_URL} and {@code SESSIONMAP_MARIADB_URL} name them, and Redis
 * where {@code SESSIONMAP_REDIS_URL} does; and the secure cookie, which refuses the limit
 * at start-up.
 */
class SessionLimitHttpTests {

    @Nested
    class InMemory extends AbstractSessionLimitHttpTests {

        private final InMemorySessionStore store = new InMemorySessionStore(SessionCodec.withDefaults());

        @Override
        protected Map<String, Object> storeProperties() {
            return Map.of("spring.datasource.url", "jdbc:h2:mem:limit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }

        @Override
        protected ConfigurableApplicationContext start(Map<String, Object> properties) {
            // A bean, not a singleton, so that the test application counts its calls.
            return SecuredTestApplication.start(properties, (context) -> ((GenericApplicationContext) context)
                .registerBean("sessionStore", SessionStore.class, () -> this.store));
        }

    }

    @Nested
    class H2 extends AbstractSessionLimitHttpTests {

        private final String database = "limit-" + UUID.randomUUID();

        @Override
        protected Map<String, Object> storeProperties() {
            return Map.of("spring.datasource.url", "jdbc:h2:mem:" + this.database + ";DB_CLOSE_DELAY=-1");
        }

    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "SESSIONMAP_POSTGRES_URL", matches = ".+",
            disabledReason = "No PostgreSQL: set SESSIONMAP_POSTGRES_URL and _USER (.ci/run does)")
    class PostgreSql extends AbstractSessionLimitHttpTests {

        private final Map<String, Object> properties = onServer("SESSIONMAP_POSTGRES");

        @Override
        protected Map<String, Object> storeProperties() {
            return this.properties;
        }

    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "SESSIONMAP_MARIADB_URL", matches = ".+",
            disabledReason = "No MariaDB: set SESSIONMAP_MARIADB_URL and _USER (.ci/run does)")
    class MariaDb extends AbstractSessionLimitHttpTests {

        private final Map<String, Object> properties = onServer("SESSIONMAP_MARIADB");

        @Override
        protected Map<String, Object> storeProperties() {
            return this.properties;
        }

    }

    @Nested
    @EnabledWithRedis
    class Redis extends AbstractSessionLimitHttpTests {

        private final String namespace = TestRedis.namespace();

        @Override
        protected Map<String, Object> storeProperties() {
            return Map.of("app.session.store", "redis", "spring.data.redis.url", TestRedis.url(),
                    "app.session.redis.namespace", this.namespace);
        }

    }

    @Nested
    class SecureCookie {

        @Test
        void refusesToStartWithASessionLimitItCannotKeep() {
            Map<String, Object> properties = Map.of("app.session.store", "secure-cookie", "app.session.secret",
                    TestSecrets.random(), "test.maximum-sessions", 1);
            assertThatThrownBy(() -> SecuredTestApplication.start(properties).close())
                .hasStackTraceContaining("cannot list a user's sessions")
                .hasStackTraceContaining("app.session.store=datastore");
        }

    }

    /**
     * A database server named by {@code <variable>_URL} and {@code _USER}, in a table of
     * this test's own.
     */
    static Map<String, Object> onServer(String variable) {
        return Map.of("spring.datasource.url", System.getenv(variable + "_URL"), "spring.datasource.username",
                System.getenv().getOrDefault(variable + "_USER", ""), "app.session.datastore.table-name",
                "lim_" + UUID.randomUUID().toString().substring(0, 8), "app.session.datastore.initialize-schema",
                "always");
    }

}
