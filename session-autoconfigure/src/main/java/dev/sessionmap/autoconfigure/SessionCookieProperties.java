package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;

import dev.sessionmap.web.CookieSettings;

/** The session cookie. */
public class SessionCookieProperties {

    /**
     * Name of the session cookie; on HTTPS sites "__Host-sessionid" keeps other
     * subdomains and paths from planting one, and needs secure=true, no domain and path
     * "/" ("__Secure-" needs secure=true).
     */
    private String name = "sessionid";

    /** Domain of the session cookie; unset for the request's host only. */
    private @Nullable String domain;

    /** Path of the session cookie. */
    private String path = "/";

    /**
     * When the cookie is marked Secure: "auto" (when the request is HTTPS), "true" or
     * "false".
     */
    private CookieSettings.Secure secure = CookieSettings.Secure.AUTO;

    /** Whether the cookie is marked HttpOnly, hiding it from JavaScript. */
    private boolean httpOnly = true;

    /**
     * SameSite attribute of the cookie: "Lax", "Strict" or "None" (which forces Secure).
     */
    private @Nullable String sameSite = "Lax";

    /**
     * Max-Age of the cookie; unset for the session's remaining lifetime (the idle
     * timeout). A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration maxAge;

    /**
     * Whether the cookie is sent without Max-Age, so the browser drops it when it closes,
     * unless a session chose otherwise (SessionMap.setExpireAtBrowserClose); the
     * server-side timeout still applies.
     */
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
