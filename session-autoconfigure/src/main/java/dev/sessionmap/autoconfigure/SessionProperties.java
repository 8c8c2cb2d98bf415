package dev.sessionmap.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

import dev.sessionmap.web.CookieSettings;

/** Configuration of sessionmap sessions, under {@code app.session}. */
@ConfigurationProperties("app.session")
public class SessionProperties {

    /** Where sessions are kept: "datastore" (a JPA table, only an id in the cookie) or "secure-cookie" (all data in one encrypted cookie). */
    private String store = "datastore";

    /** How long a session lives after its last use. */
    private Duration timeout = Duration.ofDays(14);

    /** How long a session lives after its creation, however busy it is; unset for no limit. */
    private @Nullable Duration absoluteTimeout;

    /** How old a session's last-access time must be before a request that only reads it refreshes it, so reads stay read-only. */
    private Duration touchInterval = Duration.ofMinutes(1);

    private final Cookie cookie = new Cookie();

    private final Datastore datastore = new Datastore();

    public String getStore() {
        return this.store;
    }

    public void setStore(String store) {
        StoreType.of(store);
        this.store = store;
    }

    /** The store {@link #getStore()} names. */
    public StoreType storeType() {
        return StoreType.of(this.store);
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public @Nullable Duration getAbsoluteTimeout() {
        return this.absoluteTimeout;
    }

    public void setAbsoluteTimeout(@Nullable Duration absoluteTimeout) {
        this.absoluteTimeout = absoluteTimeout;
    }

    public Duration getTouchInterval() {
        return this.touchInterval;
    }

    public void setTouchInterval(Duration touchInterval) {
        this.touchInterval = touchInterval;
    }

    public Cookie getCookie() {
        return this.cookie;
    }

    public Datastore getDatastore() {
        return this.datastore;
    }

    /** The session cookie. */
    public static class Cookie {

        /** Name of the session cookie. */
        private String name = "sessionid";

        /** Domain of the session cookie; unset for the request's host only. */
        private @Nullable String domain;

        /** Path of the session cookie. */
        private String path = "/";

        /** When the cookie is marked Secure: "auto" (when the request is HTTPS), "true" or "false". */
        private CookieSettings.Secure secure = CookieSettings.Secure.AUTO;

        /** Whether the cookie is marked HttpOnly, hiding it from JavaScript. */
        private boolean httpOnly = true;

        /** SameSite attribute of the cookie: "Lax", "Strict" or "None" (which forces Secure). */
        private @Nullable String sameSite = "Lax";

        /** Max-Age of the cookie; unset for the session's remaining lifetime (the idle timeout). */
        private @Nullable Duration maxAge;

        /** Whether the cookie is sent without Max-Age, so the browser drops it when it closes; the server-side timeout still applies. */
        private boolean expireAtBrowserClose;

        public String getName() {
            return this.name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public @Nullable String getDomain() {
            return this.domain;
        }

        public void setDomain(@Nullable String domain) {
            this.domain = domain;
        }

        public String getPath() {
            return this.path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public CookieSettings.Secure getSecure() {
            return this.secure;
        }

        public void setSecure(CookieSettings.Secure secure) {
            this.secure = secure;
        }

        public boolean isHttpOnly() {
            return this.httpOnly;
        }

        public void setHttpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
        }

        public @Nullable String getSameSite() {
            return this.sameSite;
        }

        public void setSameSite(@Nullable String sameSite) {
            this.sameSite = sameSite;
        }

        public @Nullable Duration getMaxAge() {
            return this.maxAge;
        }

        public void setMaxAge(@Nullable Duration maxAge) {
            this.maxAge = maxAge;
        }

        public boolean isExpireAtBrowserClose() {
            return this.expireAtBrowserClose;
        }

        public void setExpireAtBrowserClose(boolean expireAtBrowserClose) {
            this.expireAtBrowserClose = expireAtBrowserClose;
        }

        CookieSettings toSettings() {
            return new CookieSettings(this.name, this.domain, this.path, this.secure, this.httpOnly, this.sameSite,
                    this.maxAge, this.expireAtBrowserClose);
        }
    }

    /** The datastore (JPA) store. */
    public static class Datastore {

        /** When to create the session table: "embedded" (embedded databases only), "always" or "never". */
        private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

        /** Longest time any session statement may run, so a hung database cannot hold request threads; rounded up to whole seconds, 0 for none. */
        private Duration queryTimeout = Duration.ofSeconds(5);

        /** How many times a session write is tried; after a conflict the second try holds the row lock, so more are used only after a deadlock or serialization failure. */
        private int maxAttempts = 32;

        public DatabaseInitializationMode getInitializeSchema() {
            return this.initializeSchema;
        }

        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public Duration getQueryTimeout() {
            return this.queryTimeout;
        }

        public void setQueryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
        }

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }
    }
}
