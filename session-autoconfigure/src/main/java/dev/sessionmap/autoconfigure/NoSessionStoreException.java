package dev.sessionmap.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Start-up found no {@code SessionStore} for the store {@code app.session.store} names,
 * because what that store needs is missing. {@link NoSessionStoreFailureAnalyzer} turns
 * it into the dependencies to add or the store to pick.
 */
public class NoSessionStoreException extends IllegalStateException {

    private final StoreType store;

    private final boolean libraryPresent;

    NoSessionStoreException(StoreType store, @Nullable ClassLoader classLoader) {
        this(store, isLibraryPresent(store, classLoader));
    }

    NoSessionStoreException(StoreType store, boolean libraryPresent) {
        super(message(store, libraryPresent));
        this.store = store;
        this.libraryPresent = libraryPresent;
    }

    /** The store {@code app.session.store} names. */
    public StoreType getStore() {
        return this.store;
    }

    /**
     * Whether the library the store runs on is on the class path, so only a bean or a
     * setting is missing.
     */
    public boolean isLibraryPresent() {
        return this.libraryPresent;
    }

    private static boolean isLibraryPresent(StoreType store, @Nullable ClassLoader classLoader) {
        return switch (store) {
            case DATASTORE ->
                ClassUtils.isPresent("org.springframework.jdbc.core.JdbcTemplate", classLoader) && ClassUtils
                    .isPresent("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", classLoader);
            case REDIS ->
                ClassUtils.isPresent("org.springframework.data.redis.connection.RedisConnectionFactory", classLoader)
                        && ClassUtils.isPresent(
                                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                                classLoader);
            case SECURE_COOKIE -> true;
        };
    }

    private static String message(StoreType store, boolean libraryPresent) {
        return switch (store) {
            case DATASTORE -> libraryPresent
                    ? "app.session.store=datastore needs a DataSource, and the application has none: add a database"
                            + " driver (com.h2database:h2 for a quick start) or define a DataSource bean, or set"
                            + " app.session.store=secure-cookie"
                    : "app.session.store=datastore needs a DataSource: add spring-boot-starter-jdbc and a database"
                            + " driver (com.h2database:h2 for a quick start), or set app.session.store=secure-cookie";
            case SECURE_COOKIE -> "app.session.store=secure-cookie has no store: SecureCookieSessionAutoConfiguration"
                    + " did not run (is it excluded?); define a SessionStore bean or set app.session.store=datastore";
            case REDIS -> libraryPresent
                    ? "app.session.store=redis needs one RedisConnectionFactory, and the application has none or"
                            + " several; set spring.data.redis.* to reach your server"
                    : "app.session.store=redis needs Spring Data Redis: add spring-boot-starter-data-redis and set"
                            + " spring.data.redis.* to reach your server";
        };
    }

}
