package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;

import dev.sessionmap.core.SessionSettings;

/** Configuration of sessionmap sessions, under {@code app.session}. */
@ConfigurationProperties("app.session")
public class SessionProperties {

    /**
     * Where sessions are kept: "datastore" (a database table, only an id in the cookie),
     * "secure-cookie" (all data in one encrypted cookie) or "redis".
     */
    private StoreType store = StoreType.DATASTORE;

    /** How long a session lives after its last use. A bare number is seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration timeout = Duration.ofDays(14);

    /**
     * How long a session lives after its creation, however busy it is; unset for no
     * limit. A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration absoluteTimeout;

    /**
     * How old a session's last-access time must be before a request that only reads it
     * refreshes it, so reads stay read-only. A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration touchInterval = Duration.ofMinutes(1);

    /**
     * Secret the secure-cookie store derives its key from, required for that store: 32
     * random bytes, for example from "openssl rand -base64 32", supplied through the
     * environment (APP_SESSION_SECRET).
     */
    private @Nullable String secret;

    /**
     * Earlier secrets of the secure-cookie store whose cookies are still accepted, and
     * re-sealed with the current secret, while rotating.
     */
    private List<String> previousSecrets = new ArrayList<>();

    /**
     * Whether the datastore and Redis stores encrypt each session's data (AES-256-GCM,
     * key derived from app.session.secret, which it then requires); sealed data is still
     * read when this is off again, as long as the secret is set.
     */
    private boolean encryptAtRest;

    /**
     * Whether every request that uses the session writes it and re-sends the cookie, even
     * when nothing changed.
     */
    private boolean saveEveryRequest;

    /**
     * Whether a session is served only to the user agent (User-Agent header) it was
     * created for.
     */
    private boolean bindToUserAgent;

    /**
     * Whether a session is served only to the client address it was created for; breaks
     * sessions of visitors whose address changes, as on mobile networks.
     */
    private boolean bindToIp;

    /**
     * How long a session id is used before a request gets it replaced, keeping the data;
     * unset to never rotate ids. A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration rotateIdEvery;

    /**
     * How long an id replaced by periodic rotation still leads to the session, so
     * parallel requests sent with it are not lost. A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration rotateIdGracePeriod = Duration.ofSeconds(30);

    /**
     * Header that API clients send the session token in instead of the cookie, such as
     * "X-Session-Token"; a request that sends it, even empty, gets the token back in it
     * and never a cookie. Unset for cookies only.
     */
    private @Nullable String headerName;

    @NestedConfigurationProperty
    private final SessionCookieProperties cookie = new SessionCookieProperties();

    @NestedConfigurationProperty
    private final SessionDatastoreProperties datastore = new SessionDatastoreProperties();

    @NestedConfigurationProperty
    private final SessionRedisProperties redis = new SessionRedisProperties();

    @NestedConfigurationProperty
    private final SessionSecureCookieProperties secureCookie = new SessionSecureCookieProperties();

    @NestedConfigurationProperty
    private final SessionPurgeProperties purge = new SessionPurgeProperties();

    @NestedConfigurationProperty
    private final HttpSessionProperties httpSession = new HttpSessionProperties();

    @NestedConfigurationProperty
    private final SessionRevocationProperties revocation = new SessionRevocationProperties();

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

    public boolean isEncryptAtRest() {
        return this.encryptAtRest;
    }

    public void setEncryptAtRest(boolean encryptAtRest) {
        this.encryptAtRest = encryptAtRest;
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

    public SessionCookieProperties getCookie() {
        return this.cookie;
    }

    public SessionDatastoreProperties getDatastore() {
        return this.datastore;
    }

    public SessionRedisProperties getRedis() {
        return this.redis;
    }

    public SessionSecureCookieProperties getSecureCookie() {
        return this.secureCookie;
    }

    public SessionPurgeProperties getPurge() {
        return this.purge;
    }

    public HttpSessionProperties getHttpSession() {
        return this.httpSession;
    }

    public SessionRevocationProperties getRevocation() {
        return this.revocation;
    }

    /** The settings every store shares, from these properties. */
    SessionSettings toSettings() {
        return new SessionSettings(this.timeout, this.absoluteTimeout, this.touchInterval)
            .withSaveEveryRequest(this.saveEveryRequest)
            .withIdRotation(this.rotateIdEvery, this.rotateIdGracePeriod)
            .withBinding(this.bindToUserAgent, this.bindToIp)
            .withExpireAtBrowserClose(this.cookie.isExpireAtBrowserClose());
    }

}
