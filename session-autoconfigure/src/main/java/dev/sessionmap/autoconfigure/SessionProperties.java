package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.store.jdbc.SessionTable;
import dev.sessionmap.web.CookieSettings;

/** Configuration of sessionmap sessions, under {@code app.session}. */
@ConfigurationProperties("app.session")
public class SessionProperties {

    /** Where sessions are kept: "datastore" (a database table, only an id in the cookie), "secure-cookie" (all data in one encrypted cookie) or "redis". */
    private StoreType store = StoreType.DATASTORE;

    /** How long a session lives after its last use. A bare number is seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration timeout = Duration.ofDays(14);

    /** How long a session lives after its creation, however busy it is; unset for no limit. A bare number is seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration absoluteTimeout;

    /** How old a session's last-access time must be before a request that only reads it refreshes it, so reads stay read-only. A bare number is seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration touchInterval = Duration.ofMinutes(1);

    /** Secret the secure-cookie store derives its key from, required for that store: 32 random bytes, for example from "openssl rand -base64 32", supplied through the environment (APP_SESSION_SECRET). */
    private @Nullable String secret;

    /** Earlier secrets of the secure-cookie store whose cookies are still accepted, and re-sealed with the current secret, while rotating. */
    private List<String> previousSecrets = new ArrayList<>();

    /** Whether every request that uses the session writes it and re-sends the cookie, even when nothing changed. */
    private boolean saveEveryRequest;

    /** Whether a session is served only to the user agent (User-Agent header) it was created for. */
    private boolean bindToUserAgent;

    /** Whether a session is served only to the client address it was created for; breaks sessions of visitors whose address changes, as on mobile networks. */
    private boolean bindToIp;

    /** How long a session id is used before a request gets it replaced, keeping the data; unset to never rotate ids. A bare number is seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration rotateIdEvery;

    /** How long an id replaced by periodic rotation still leads to the session, so parallel requests sent with it are not lost. A bare number is seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration rotateIdGracePeriod = Duration.ofSeconds(30);

    /** Header that API clients send the session token in instead of the cookie, such as "X-Session-Token"; a request that sends it, even empty, gets the token back in it and never a cookie. Unset for cookies only. */
    private @Nullable String headerName;

    private final Cookie cookie = new Cookie();

    private final Datastore datastore = new Datastore();

    private final Redis redis = new Redis();

    private final Purge purge = new Purge();

    @NestedConfigurationProperty
    private final HttpSessionProperties httpSession = new HttpSessionProperties();

    public StoreType getStore() {
        return this.store;
    }

    public void setStore(StoreType store) {
        this.store = store;
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

    public @Nullable String getSecret() {
        return this.secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    public List<String> getPreviousSecrets() {
        return this.previousSecrets;
    }

    public void setPreviousSecrets(List<String> previousSecrets) {
        this.previousSecrets = previousSecrets;
    }

    public boolean isSaveEveryRequest() {
        return this.saveEveryRequest;
    }

    public void setSaveEveryRequest(boolean saveEveryRequest) {
        this.saveEveryRequest = saveEveryRequest;
    }

    public boolean isBindToUserAgent() {
        return this.bindToUserAgent;
    }

    public void setBindToUserAgent(boolean bindToUserAgent) {
        this.bindToUserAgent = bindToUserAgent;
    }

    public boolean isBindToIp() {
        return this.bindToIp;
    }

    public void setBindToIp(boolean bindToIp) {
        this.bindToIp = bindToIp;
    }

    public @Nullable Duration getRotateIdEvery() {
        return this.rotateIdEvery;
    }

    public void setRotateIdEvery(@Nullable Duration rotateIdEvery) {
        if (rotateIdEvery != null && (rotateIdEvery.isNegative() || rotateIdEvery.isZero())) {
            throw new IllegalArgumentException("must be a positive duration, or unset to never rotate ids");
        }
        this.rotateIdEvery = rotateIdEvery;
    }

    public Duration getRotateIdGracePeriod() {
        return this.rotateIdGracePeriod;
    }

    public void setRotateIdGracePeriod(Duration rotateIdGracePeriod) {
        if (rotateIdGracePeriod.isNegative()) {
            throw new IllegalArgumentException("must not be negative (0s turns the grace period off)");
        }
        this.rotateIdGracePeriod = rotateIdGracePeriod;
    }

    public @Nullable String getHeaderName() {
        return this.headerName;
    }

    public void setHeaderName(@Nullable String headerName) {
        this.headerName = headerName;
    }

    public Cookie getCookie() {
        return this.cookie;
    }

    public Datastore getDatastore() {
        return this.datastore;
    }

    public Redis getRedis() {
        return this.redis;
    }

    public Purge getPurge() {
        return this.purge;
    }

    public HttpSessionProperties getHttpSession() {
        return this.httpSession;
    }

    /** The settings every store shares, from these properties. */
    SessionSettings toSettings() {
        return new SessionSettings(this.timeout, this.absoluteTimeout, this.touchInterval)
            .withSaveEveryRequest(this.saveEveryRequest)
            .withIdRotation(this.rotateIdEvery, this.rotateIdGracePeriod)
            .withBinding(this.bindToUserAgent, this.bindToIp)
            .withExpireAtBrowserClose(this.cookie.isExpireAtBrowserClose());
    }

    /** The session cookie. */
    public static class Cookie {

        /** Name of the session cookie; on HTTPS sites "__Host-sessionid" keeps other subdomains and paths from planting one, and needs secure=true, no domain and path "/" ("__Secure-" needs secure=true). */
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

        /** Max-Age of the cookie; unset for the session's remaining lifetime (the idle timeout). A bare number is seconds. */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration maxAge;

        /** Whether the cookie is sent without Max-Age, so the browser drops it when it closes, unless a session chose otherwise (SessionMap.setExpireAtBrowserClose); the server-side timeout still applies. */
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
                    this.maxAge);
        }
    }

    /** The datastore store. */
    public static class Datastore {

        /** Name of the session table, optionally schema-qualified ("schema.table"); the schema scripts create it under this name. */
        private String tableName = SessionTable.DEFAULT_NAME;

        /** When to create the session table: "embedded" (embedded databases only), "always" or "never". */
        private SchemaInitializationMode initializeSchema = SchemaInitializationMode.EMBEDDED;

        /** Longest time any session statement may run, so a hung database cannot hold request threads; rounded up to whole seconds, 0 for none, not applied to in-memory databases. A bare number is seconds. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration queryTimeout = Duration.ofSeconds(5);

        /** How many times a session write is tried; after a conflict the second try holds the row lock, so more are used only after a deadlock or serialization failure. */
        private int maxAttempts = 32;

        public String getTableName() {
            return this.tableName;
        }

        public void setTableName(String tableName) {
            SessionTable.named(tableName);
            this.tableName = tableName;
        }

        /** The table {@link #getTableName()} names. */
        SessionTable table() {
            return SessionTable.named(this.tableName);
        }

        public SchemaInitializationMode getInitializeSchema() {
            return this.initializeSchema;
        }

        public void setInitializeSchema(SchemaInitializationMode initializeSchema) {
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

    /** The Redis store. */
    public static class Redis {

        /** Prefix of every Redis key the sessions use; must not contain '{' or '}'. */
        private String namespace = "sessionmap";

        public String getNamespace() {
            return this.namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }
    }

    /** The removal of expired sessions from server-side stores. */
    public static class Purge {

        /** Time between the end of one purge and the start of the next; ignored when a cron expression is set. A bare number is seconds. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration interval = Duration.ofMinutes(10);

        /** Cron expression for the purge, in place of the interval; "-" disables the scheduled purge. */
        private @Nullable String cron;

        /** Most sessions deleted in one transaction; a purge runs batches until no expired session is left. */
        private int batchSize = 1000;

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("must be a positive duration; set app.session.purge.cron=- to disable the purge");
            }
            this.interval = interval;
        }

        public @Nullable String getCron() {
            return this.cron;
        }

        public void setCron(@Nullable String cron) {
            if (cron != null && !cron.isBlank() && !Scheduled.CRON_DISABLED.equals(cron.trim())) {
                CronExpression.parse(cron.trim());
            }
            this.cron = cron;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
            this.batchSize = batchSize;
        }
    }
}
