package dev.sessionmap.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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

    /**
     * The name of the user the session belongs to, when someone logged in: set through
     * {@link SessionMap#setPrincipalName} or, with the servlet-session bridge, from
     * Spring Security's context. Stores that index sessions by user read it through
     * {@link #principalOf}.
     */
    public static final String PRINCIPAL = "_principal";

    /**
     * The {@code User-Agent} the visitor logged in with, cut to
     * {@value #USER_AGENT_LENGTH} characters, for a list of a user's sessions.
     */
    public static final String USER_AGENT = "_ua";

    /**
     * The user's revocation epoch when the session was logged in, on stores that keep no
     * sessions (see {@link PrincipalEpochs}).
     */
    public static final String EPOCH = "_epoch";

    /** The longest user agent kept with a session. */
    public static final int USER_AGENT_LENGTH = 200;

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

    /**
     * The principal name recorded in a session's data, or {@code null} for an anonymous
     * session (and for a forwarding entry): for stores that index sessions by user.
     */
    public static @Nullable String principalOf(ObjectNode data) {
        JsonNode principal = data.get(PRINCIPAL);
        return (principal != null && principal.isString()) ? principal.asString() : null;
    }

    /** The recorded principal name, or {@code null}. */
    @Nullable String principal() {
        return (this.records.get(PRINCIPAL) instanceof String name) ? name : null;
    }

    /**
     * Records the principal, and with it the client's user agent and the user's epoch
     * where sessions are revoked by epoch; {@code null} removes all three.
     */
    void principal(@Nullable String name, @Nullable String userAgent, @Nullable Long epoch) {
        if (name == null) {
            this.records.remove(PRINCIPAL);
            this.records.remove(USER_AGENT);
            this.records.remove(EPOCH);
            return;
        }
        this.records.put(PRINCIPAL, name);
        if (userAgent != null && !userAgent.isEmpty()) {
            this.records.put(USER_AGENT,
                    (userAgent.length() > USER_AGENT_LENGTH) ? userAgent.substring(0, USER_AGENT_LENGTH) : userAgent);
        }
        else {
            this.records.remove(USER_AGENT);
        }
        if (epoch != null) {
            this.records.put(EPOCH, epoch);
        }
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
