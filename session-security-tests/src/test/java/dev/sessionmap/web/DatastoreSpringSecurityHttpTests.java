package dev.sessionmap.web;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security on the datastore store: H2 everywhere, and PostgreSQL and MariaDB where
 * {@code SESSIONMAP_POSTGRES_URL} and {@code SESSIONMAP_MARIADB_URL} name them
 * ({@code .ci/run} sets both).
 */
class DatastoreSpringSecurityHttpTests {

    /**
     * A database server named by {@code <variable>_URL} and {@code _USER}, in a table of
     * this class's own.
     */
    abstract static class OnAServer extends AbstractSpringSecurityHttpTests {

        private final Map<String, Object> properties;

        OnAServer(String variable) {
            this.properties = Map.of("spring.datasource.url", System.getenv(variable + "_URL"),
                    "spring.datasource.username", System.getenv().getOrDefault(variable + "_USER", ""),
                    "app.session.datastore.table-name", "sec_" + UUID.randomUUID().toString().substring(0, 8),
                    "app.session.datastore.initialize-schema", "always");
        }

        @Override
        protected Map<String, Object> storeProperties() {
            return this.properties;
        }

    }

    @Nested
    class H2 extends AbstractSpringSecurityHttpTests {

        private final String database = "security-" + UUID.randomUUID();

        @Override
        protected Map<String, Object> storeProperties() {
            return Map.of("spring.datasource.url", "jdbc:h2:mem:" + this.database + ";DB_CLOSE_DELAY=-1");
        }

    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "SESSIONMAP_POSTGRES_URL", matches = ".+",
            disabledReason = "No PostgreSQL: set SESSIONMAP_POSTGRES_URL and _USER (.ci/run does)")
    class PostgreSql extends OnAServer {

        PostgreSql() {
            super("SESSIONMAP_POSTGRES");
        }

        @Test
        void anAuthenticatedGetIsOneSelect() {
            SqlStatements.reset();
            logIn(this.browser);
            System.out.printf("[store work] PostgreSQL log-in (GET /login, POST /login): %s%n",
                    SqlStatements.countsByKind());
            SqlStatements.reset();
            assertThat(this.browser.get("/account").body()).isEqualTo("hello ada");
            assertThat(SqlStatements.verbs()).containsExactly("SELECT");
        }

    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "SESSIONMAP_MARIADB_URL", matches = ".+",
            disabledReason = "No MariaDB: set SESSIONMAP_MARIADB_URL and _USER (.ci/run does)")
    class MariaDb extends OnAServer {

        MariaDb() {
            super("SESSIONMAP_MARIADB");
        }

    }

}
