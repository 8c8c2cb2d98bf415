package dev.sessionmap.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SessionMap} handed to handlers: the application's values of the session,
 * loaded by the lifecycle on first use. The library's records are kept apart (see
 * {@link SessionState}), so the map holds only the keys the application put; session-wide
 * operations go to the lifecycle, which owns loading, saving and the records.
 */
final class TrackedSessionMap extends AbstractMap<String, Object> implements SessionMap {

    private static final Logger logger = LoggerFactory.getLogger(TrackedSessionMap.class);

    private final SessionLifecycle lifecycle;

    private @Nullable Set<Entry<String, Object>> entrySet;

    private final SessionSettings settings;

    private final Clock clock;

    TrackedSessionMap(SessionLifecycle lifecycle, SessionSettings settings, Clock clock) {
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.clock = clock;
    }

    private TrackedValues tracked() {
        return this.lifecycle.state().values();
    }

    private SessionRecords records() {
        return this.lifecycle.state().records();
    }

    @Override
    public int size() {
        return tracked().size();
    }

    @Override
    public boolean containsKey(Object key) {
        return (key instanceof String name) && tracked().containsKey(name);
    }

    @Override
    public @Nullable Object get(Object key) {
        return (key instanceof String name) ? tracked().get(name) : null;
    }

    @Override
    public <T> @Nullable T get(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return tracked().get(key, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String key, T defaultValue) {
        Objects.requireNonNull(defaultValue, "defaultValue");
        T value = get(key, (Class<T>) defaultValue.getClass());
        return (value != null) ? value : defaultValue;
    }

    @Override
    public @Nullable Object put(String key, @Nullable Object value) {
        return tracked().put(applicationKey(key), value);
    }

    /**
     * The value as a servlet session attribute: of the type {@code attributes} recorded,
     * or in plain JSON types.
     */
    @Nullable Object getAttribute(String key, AttributeCodec attributes) {
        return tracked().getAttribute(key, attributes);
    }

    /** Puts a servlet session attribute, its type recorded by {@code attributes}. */
    void setAttribute(String key, Object value, AttributeCodec attributes) {
        tracked().setAttribute(applicationKey(key), value, attributes);
    }

    @Override
    public @Nullable Object remove(Object key) {
        // Removing what is not there changes nothing, and is not worth a warning after
        // the
        // response (Spring Security removes its last log-in error after redirecting).
        if (!(key instanceof String name) || !tracked().containsKey(name)) {
            return null;
        }
        return tracked().remove(changing(name));
    }

    @Override
    public void clear() {
        tracked().clear();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (this.entrySet == null) {
            this.entrySet = new SessionEntrySet(this, () -> tracked().keys());
        }
        return this.entrySet;
    }

    @Override
    public @Nullable Object merge(String key, Object value,
            BiFunction<? super Object, ? super Object, ? extends @Nullable Object> function) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(function, "function");
        return replay(key, (current) -> (current != null) ? function.apply(current, value) : value);
    }

    @Override
    public @Nullable Object compute(String key,
            BiFunction<? super String, ? super @Nullable Object, ? extends @Nullable Object> function) {
        Objects.requireNonNull(function, "function");
        return replay(key, (current) -> function.apply(key, current));
    }

    @Override
    public @Nullable Object computeIfAbsent(String key, Function<? super String, ? extends @Nullable Object> function) {
        Objects.requireNonNull(function, "function");
        Object current = get(key);
        if (current != null) {
            return current;
        }
        return replay(key, (fresh) -> (fresh != null) ? fresh : function.apply(key));
    }

    @Override
    public @Nullable Object computeIfPresent(String key,
            BiFunction<? super String, ? super Object, ? extends @Nullable Object> function) {
        Objects.requireNonNull(function, "function");
        if (get(key) == null) {
            return null;
        }
        return replay(key, (current) -> (current != null) ? function.apply(key, current) : null);
    }

    /**
     * Runs {@code function} on the key's value now and records it to run again after a
     * concurrent write.
     */
    private @Nullable Object replay(String key, UnaryOperator<@Nullable Object> function) {
        return tracked().replay(applicationKey(key), function);
    }

    /**
     * The key, unless it is reserved for the library's records, which the map does not
     * hold.
     */
    private String applicationKey(String key) {
        Objects.requireNonNull(key, "key");
        if (SessionState.isReserved(key)) {
            throw new IllegalArgumentException("Session keys starting with '" + SessionState.RESERVED_PREFIX
                    + "' are reserved for the library's own records: " + key);
        }
        return changing(key);
    }

    /**
     * Says so when a change comes after the session was saved for the response, too late
     * to be saved at all (an error page, or a view that wrote past the container's buffer
     * before changing it): never silently.
     */
    private String changing(String key) {
        if (this.lifecycle.isFinished()) {
            logger.warn("Session key '{}' changed after the response was committed: this change is not saved", key);
        }
        return key;
    }

    @Override
    public boolean isNew() {
        return this.lifecycle.isNew();
    }

    @Override
    public void invalidate() {
        this.lifecycle.invalidate();
    }

    @Override
    public void rotateId() {
        this.lifecycle.rotateId();
    }

    @Override
    public void setTimeout(@Nullable Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("A session timeout must be positive: " + timeout);
        }
        this.lifecycle.ownTimeout().set(timeout);
    }

    @Override
    public Duration getTimeout() {
        return this.lifecycle.ownTimeout().orElse(this.settings.idleTimeout());
    }

    @Override
    public void setExpireAtBrowserClose(boolean expireAtBrowserClose) {
        records().expireAtBrowserClose(expireAtBrowserClose);
    }

    @Override
    public boolean isExpireAtBrowserClose() {
        return records().expireAtBrowserCloseOr(this.settings.expireAtBrowserClose());
    }

    @Override
    public void setPrincipalName(@Nullable String name) {
        this.lifecycle.principal(name);
    }

    @Override
    public @Nullable String getPrincipalName() {
        return records().principal();
    }

    @Override
    public Instant createdAt() {
        StoredSession session = this.lifecycle.stored();
        return (session != null) ? session.createdAt() : this.clock.instant();
    }

    @Override
    public Instant lastAccessedAt() {
        StoredSession session = this.lifecycle.stored();
        return (session != null) ? session.lastAccessedAt() : this.clock.instant();
    }

    @Override
    public Instant expiresAt() {
        return this.settings.expiry(createdAt(), lastAccessedAt(), this.lifecycle.ownTimeout().value());
    }

    @Override
    public void save() {
        this.lifecycle.save();
    }

    @Override
    public void flash(String message) {
        Objects.requireNonNull(message, "message");
        records().flash(message);
    }

    @Override
    public List<String> consumeFlashes() {
        return records().consumeFlashes();
    }

    @Override
    public void setTestCookie() {
        records().setTestCookie();
    }

    @Override
    public boolean testCookieWorked() {
        return records().testCookieWorked();
    }

    @Override
    public void deleteTestCookie() {
        records().deleteTestCookie();
    }

}
