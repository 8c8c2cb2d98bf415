package dev.sessionmap.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The library's own records kept with a session, apart from the application's values:
 * flash messages, the test cookie, the client binding, when the id was issued, the
 * cookie's own lifetime. Integrations of the library keep theirs here too (Spring MVC's
 * flash attributes); applications use the {@link SessionMap}.
 *
 * <p>
 * Every record's name starts with {@code _}, the prefix no application key may have.
 * Changes are tracked like the map's, so concurrent requests' records are reconciled the
 * same way (every request's flash message is kept).
 */
public final class SessionRecords {

    static final String FLASH = "_flash";

    static final String TEST_COOKIE = "_testcookie";

    /** The session's own choice of a browser-session cookie, when it made one. */
    static final String BROWSER_CLOSE = "_browser_close";

    /**
     * When the session's id was last changed, in epoch milliseconds; recorded only when
     * ids rotate periodically.
     */
    static final String ID_ISSUED = "_id_at";

    private static final String TEST_COOKIE_VALUE = "worked";

    private final TrackedValues records;

    SessionRecords(TrackedValues records) {
        this.records = records;
    }

    /** The record {@code name} in JSON types, or {@code null} when absent. */
    public @Nullable Object get(String name) {
        return this.records.get(checked(name));
    }

    /** Whether the record {@code name} is present. */
    public boolean contains(String name) {
        return this.records.containsKey(checked(name));
    }

    /** Sets the record {@code name}, stored as JSON like any session value. */
    public void put(String name, Object value) {
        Objects.requireNonNull(value, "value");
        this.records.put(checked(name), value);
    }

    /** Removes the record {@code name}; harmless when absent. */
    public void remove(String name) {
        this.records.remove(checked(name));
    }

    TrackedValues tracked() {
        return this.records;
    }

    void flash(String message) {
        this.records.replay(FLASH, (current) -> {
            List<Object> messages = (current instanceof List<?> list) ? new ArrayList<>(list) : new ArrayList<>();
            messages.add(message);
            return messages;
        });
    }

    List<String> consumeFlashes() {
        if (!this.records.containsKey(FLASH)) {
            return List.of();
        }
        Object messages = this.records.remove(FLASH);
        return (messages instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of();
    }

    void setTestCookie() {
        this.records.put(TEST_COOKIE, TEST_COOKIE_VALUE);
    }

    boolean testCookieWorked() {
        return TEST_COOKIE_VALUE.equals(this.records.get(TEST_COOKIE));
    }

    void deleteTestCookie() {
        this.records.remove(TEST_COOKIE);
    }

    void expireAtBrowserClose(boolean expireAtBrowserClose) {
        this.records.put(BROWSER_CLOSE, expireAtBrowserClose);
    }

    /**
     * The session's own choice of a browser-session cookie, or {@code byDefault} when it
     * made none.
     */
    boolean expireAtBrowserCloseOr(boolean byDefault) {
        return (this.records.get(BROWSER_CLOSE) instanceof Boolean own) ? own : byDefault;
    }

    void recordIdIssued(Instant issuedAt) {
        this.records.put(ID_ISSUED, issuedAt.toEpochMilli());
    }

    /** When the id was issued, or {@code fallback} when that was not recorded. */
    Instant idIssuedAt(Instant fallback) {
        Object millis = this.records.get(ID_ISSUED);
        return (millis instanceof Number number) ? Instant.ofEpochMilli(number.longValue()) : fallback;
    }

    private static String checked(String name) {
        Objects.requireNonNull(name, "name");
        if (!SessionState.isReserved(name)) {
            throw new IllegalArgumentException("A record's name must start with '" + SessionState.RESERVED_PREFIX
                    + "', which keeps it apart from the application's keys: " + name);
        }
        return name;
    }

}
