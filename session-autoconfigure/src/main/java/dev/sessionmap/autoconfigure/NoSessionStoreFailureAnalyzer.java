package dev.sessionmap.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that found no session store: which dependencies to add for the
 * store {@code app.session.store} names, or which store needs none.
 */
class NoSessionStoreFailureAnalyzer extends AbstractFailureAnalyzer<NoSessionStoreException> {

    private static final String SECURE_COOKIE = "Or keep sessions without a server: set app.session.store=secure-cookie"
            + " and a secret in APP_SESSION_SECRET (openssl rand -base64 32).";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSessionStoreException cause) {
        return switch (cause.getStore()) {
            case DATASTORE -> datastore(cause);
            case REDIS -> redis(cause);
            case SECURE_COOKIE -> new FailureAnalysis(cause.getMessage(),
                    "Leave SecureCookieSessionAutoConfiguration enabled, or define a SessionStore bean.", cause);
        };
    }

    private static FailureAnalysis datastore(NoSessionStoreException cause) {
        if (cause.isLibraryPresent()) {
            return new FailureAnalysis(
                    "app.session.store=datastore keeps sessions in a database table, but the"
                            + " application has no DataSource.",
                    """
                            Add a database driver so that Spring Boot creates a DataSource:

                                com.h2database:h2 (an embedded database, nothing to set up), or the driver of your database
                                (org.postgresql:postgresql, org.mariadb.jdbc:mariadb-java-client, com.mysql:mysql-connector-j)
                                with spring.datasource.url,

                            or define a DataSource bean (mark it @SessionDataSource if it is not the only one).
                            """
                            + SECURE_COOKIE,
                    cause);
        }
        return new FailureAnalysis(
                "app.session.store=datastore keeps sessions in a database table, but Spring JDBC is"
                        + " not on the class path, so the application has no DataSource.",
                """
                        Add these dependencies:

                            org.springframework.boot:spring-boot-starter-jdbc
                            com.h2database:h2 (an embedded database, nothing to set up), or the driver of your database
                            (org.postgresql:postgresql, org.mariadb.jdbc:mariadb-java-client, com.mysql:mysql-connector-j)
                            with spring.datasource.url.

                        """
                        + SECURE_COOKIE,
                cause);
    }

    private static FailureAnalysis redis(NoSessionStoreException cause) {
        if (cause.isLibraryPresent()) {
            return new FailureAnalysis(
                    "app.session.store=redis keeps sessions in Redis, but the application has no"
                            + " single RedisConnectionFactory.",
                    "Let Spring Boot create one from spring.data.redis.url (or"
                            + " spring.data.redis.host and port), or mark one of yours @Primary.\n" + SECURE_COOKIE,
                    cause);
        }
        return new FailureAnalysis(
                "app.session.store=redis keeps sessions in Redis, but Spring Data Redis is not on" + " the class path.",
                """
                        Add this dependency:

                            org.springframework.boot:spring-boot-starter-data-redis

                        and set spring.data.redis.url to reach your server.
                        """ + SECURE_COOKIE, cause);
    }

}
