package dev.sessionmap.benchmarks.apps;

/**
 * Auto-configurations each app leaves out, so that only its own session mechanism runs
 * although all three share one class path.
 */
public final class ExcludedAutoConfigurations {

    /** sessionmap's filter and stores. */
    public static final String SESSIONMAP = "dev.sessionmap.autoconfigure.SessionAutoConfiguration";

    public static final String SESSIONMAP_DATASTORE = "dev.sessionmap.autoconfigure.DatastoreSessionAutoConfiguration";

    /** Spring Session and its JDBC repository. */
    public static final String SPRING_SESSION = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration";

    public static final String SPRING_SESSION_JDBC = "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration";

    public static final String SPRING_SESSION_ENDPOINT = "org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration";

    /** The database, which the in-memory HttpSession does not use. */
    public static final String DATA_SOURCE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    private ExcludedAutoConfigurations() {
    }

}
