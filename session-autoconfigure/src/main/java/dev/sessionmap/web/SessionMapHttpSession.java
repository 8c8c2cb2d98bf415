package dev.sessionmap.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionAttributes;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;

/**
 * The servlet session of a request, served from the same session its {@link SessionMap}
 * sees: an attribute is a key of the map. What is set here with a type JSON lacks is
 * stored with its type recorded ({@link AttributeTypes}); what a handler put in the map
 * reads here as plain JSON types.
 *
 * <p>
 * Handed out before the session loads when the visitor sent a cookie, so asking for it
 * costs nothing; it loads when first used, and is then empty and new if the cookie named
 * no live session.
 *
 * <p>
 * {@link #getId()} is not the cookie's secret: it is the SHA-256 digest the server stores
 * the session under (the cookie store seals a random id into the cookie, whose digest it
 * is), so that a log line naming it cannot be turned into a cookie. It changes with
 * {@link jakarta.servlet.http.HttpServletRequest#changeSessionId()}.
 */
final class SessionMapHttpSession implements HttpSession {

    private final SessionLifecycle lifecycle;

    private final SessionAttributes attributes;

    private final ServletContext servletContext;

    private final Supplier<String> id;

    private boolean valid = true;

    SessionMapHttpSession(SessionLifecycle lifecycle, AttributeTypes types, ServletContext servletContext,
            Supplier<String> id) {
        this.lifecycle = lifecycle;
        this.attributes = new SessionAttributes(lifecycle, types);
        this.servletContext = servletContext;
        this.id = id;
    }

    boolean isValid() {
        return this.valid;
    }

    private SessionMap map() {
        if (!this.valid) {
            throw new IllegalStateException("The session has been invalidated");
        }
        return this.lifecycle.map();
    }

    @Override
    public long getCreationTime() {
        return map().createdAt().toEpochMilli();
    }

    @Override
    public String getId() {
        if (!this.valid) {
            throw new IllegalStateException("The session has been invalidated");
        }
        return this.id.get();
    }

    @Override
    public long getLastAccessedTime() {
        return map().lastAccessedAt().toEpochMilli();
    }

    @Override
    public ServletContext getServletContext() {
        return this.servletContext;
    }

    /**
     * The session's own idle timeout, as {@link SessionMap#setTimeout} sets it. A session
     * here always ends: zero or less returns to the configured timeout instead of never
     * timing out.
     */
    @Override
    public void setMaxInactiveInterval(int interval) {
        map().setTimeout((interval > 0) ? Duration.ofSeconds(interval) : null);
    }

    @Override
    public int getMaxInactiveInterval() {
        return (int) Math.min(Integer.MAX_VALUE, map().getTimeout().toSeconds());
    }

    @Override
    public @Nullable Object getAttribute(String name) {
        map();
        return this.attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(new ArrayList<>(map().keySet()));
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
        if (value == null) {
            removeAttribute(name);
            return;
        }
        SessionMap map = map();
        this.attributes.set(name, value);
        if (SecurityPrincipals.isContext(name)) {
            map.setPrincipalName(SecurityPrincipals.nameIn(value));
        }
    }

    @Override
    public void removeAttribute(String name) {
        SessionMap map = map();
        map.remove(name);
        if (SecurityPrincipals.isContext(name)) {
            map.setPrincipalName(null);
        }
    }

    @Override
    public void invalidate() {
        map().invalidate();
        this.valid = false;
    }

    @Override
    public boolean isNew() {
        return map().isNew();
    }

}
