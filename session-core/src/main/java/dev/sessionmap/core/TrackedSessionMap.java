package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link SessionMap} handed to handlers: loads on first use, keeps each value's JSON next to the
 * Java object it was decoded to or put as, and records which keys changed and how, so that only a
 * changed session is written and a store can re-apply the changes after a concurrent write.
 */
final class TrackedSessionMap extends AbstractMap<String, Object> implements SessionMap {

    static final String FLASH_KEY = "_flash";

    static final String TEST_COOKIE_KEY = "_testcookie";

    /** The session's own choice of a browser-session cookie, when it made one. */
    static final String BROWSER_CLOSE_KEY = "_browser_close";

    private static final String TEST_COOKIE_VALUE = "worked";

    private final SessionCodec codec;

    private final SessionBacking backing;

    private @Nullable Map<String, ValueSlot> slots;

    private boolean cleared;

    private final Map<String, KeyLog> log = new LinkedHashMap<>();

    private @Nullable Set<Entry<String, Object>> entrySet;

    TrackedSessionMap(SessionCodec codec, SessionBacking backing) {
        this.codec = codec;
        this.backing = backing;
    }

    /** Whether the handler used the map, so that the session was loaded. */
    boolean isLoaded() {
        return this.slots != null;
    }

    /** Forgets all data and changes: the map of a session that was just invalidated. */
    void reset() {
        this.slots = new LinkedHashMap<>();
        this.cleared = false;
        this.log.clear();
    }

    /** Forgets the recorded changes once they were written, keeping the data: later changes are recorded afresh. */
    void markSaved() {
        this.cleared = false;
        this.log.clear();
    }

    /**
     * This request's changes, including values changed in place (a list that was added to): each
     * value handed out is written again and compared with the JSON it had.
     */
    SessionChanges changes() {
        if (this.slots == null) {
            return SessionChanges.none();
        }
        this.slots.forEach((key, slot) -> {
            if (slot.sync(key, this.codec)) {
                log(key).absolute = true;
            }
        });
        Map<String, SessionChanges.Change> changes = new LinkedHashMap<>();
        this.log.forEach((key, entry) -> {
            if (entry.absolute) {
                ValueSlot slot = this.slots.get(key);
                changes.put(key, new SessionChanges.Write((slot != null) ? slot.json : null));
            }
            else {
                changes.put(key, new SessionChanges.Replay(List.copyOf(entry.operations)));
            }
        });
        return new SessionChanges(this.cleared, changes);
    }

    /** The data as it is now; call {@link #changes()} first so values changed in place are included. */
    ObjectNode data() {
        ObjectNode data = this.codec.newData();
        slots().forEach((key, slot) -> data.set(key, slot.json));
        return data;
    }

    private Map<String, ValueSlot> slots() {
        if (this.slots == null) {
            Map<String, ValueSlot> loaded = new LinkedHashMap<>();
            this.backing.load().properties().forEach((property) -> loaded.put(property.getKey(), new ValueSlot(property.getValue())));
            this.slots = loaded;
        }
        return this.slots;
    }

    private KeyLog log(String key) {
        return this.log.computeIfAbsent(key, (k) -> new KeyLog());
    }

    @Override
    public int size() {
        return slots().size();
    }

    @Override
    public boolean containsKey(Object key) {
        return slots().containsKey(key);
    }

    @Override
    public @Nullable Object get(Object key) {
        ValueSlot slot = slots().get(key);
        return (slot != null) ? slot.plain((String) key, this.codec) : null;
    }

    @Override
    public <T> @Nullable T get(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        ValueSlot slot = slots().get(key);
        if (slot == null) {
            return null;
        }
        return slot.typed(key, type, this.codec);
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
        Objects.requireNonNull(key, "key");
        ValueSlot slot = new ValueSlot(this.codec.encode(key, value), value);
        ValueSlot previous = slots().put(key, slot);
        log(key).absolute = true;
        return (previous != null) ? previous.plain(key, this.codec) : null;
    }

    /** The value as a servlet session attribute: of the type {@code attributes} recorded, or in plain JSON types. */
    @Nullable Object getAttribute(String key, AttributeCodec attributes) {
        ValueSlot slot = slots().get(key);
        return (slot != null) ? slot.attribute(key, attributes, this.codec) : null;
    }

    /** Puts a servlet session attribute, its type recorded by {@code attributes}. */
    void setAttribute(String key, Object value, AttributeCodec attributes) {
        Objects.requireNonNull(key, "key");
        slots().put(key, new ValueSlot(attributes.encode(key, value), value, attributes));
        log(key).absolute = true;
    }

    @Override
    public @Nullable Object remove(Object key) {
        ValueSlot previous = slots().remove(key);
        if (previous == null) {
            return null;
        }
        log((String) key).absolute = true;
        return previous.plain((String) key, this.codec);
    }

    @Override
    public void clear() {
        slots().clear();
        this.log.clear();
        this.cleared = true;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        if (this.entrySet == null) {
            this.entrySet = new EntrySet();
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

    /** Runs {@code function} on the key's value now and records it to run again after a concurrent write. */
    private @Nullable Object replay(String key, UnaryOperator<@Nullable Object> function) {
        // Untyped, as on a replay after a concurrent write, which starts from the fresh JSON.
        Object current = get(key);
        Object next = function.apply(current);
        if (next == null) {
            slots().remove(key);
        }
        else {
            slots().put(key, new ValueSlot(this.codec.encode(key, next), next));
        }
        KeyLog entry = log(key);
        if (!entry.absolute) {
            entry.operations.add(new SessionChanges.Operation(function, null));
        }
        return next;
    }

    @Override
    public boolean isNew() {
        slots();
        return this.backing.isNew();
    }

    @Override
    public void invalidate() {
        slots();
        this.backing.invalidate();
    }

    @Override
    public void rotateId() {
        slots();
        this.backing.rotateId();
    }

    @Override
    public void setTimeout(@Nullable Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("A session timeout must be positive: " + timeout);
        }
        slots();
        this.backing.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        slots();
        return this.backing.timeout();
    }

    @Override
    public void setExpireAtBrowserClose(boolean expireAtBrowserClose) {
        put(BROWSER_CLOSE_KEY, expireAtBrowserClose);
    }

    @Override
    public boolean isExpireAtBrowserClose() {
        return (get(BROWSER_CLOSE_KEY) instanceof Boolean own) ? own : this.backing.expireAtBrowserCloseByDefault();
    }

    @Override
    public Instant createdAt() {
        slots();
        return this.backing.createdAt();
    }

    @Override
    public Instant lastAccessedAt() {
        slots();
        return this.backing.lastAccessedAt();
    }

    @Override
    public Instant expiresAt() {
        slots();
        return this.backing.expiresAt();
    }

    @Override
    public void save() {
        slots();
        this.backing.save();
    }

    @Override
    public void flash(String message) {
        Objects.requireNonNull(message, "message");
        compute(FLASH_KEY, (key, current) -> {
            List<Object> messages = (current instanceof List<?> list) ? new ArrayList<>(list) : new ArrayList<>();
            messages.add(message);
            return messages;
        });
    }

    @Override
    public List<String> consumeFlashes() {
        if (!containsKey(FLASH_KEY)) {
            return List.of();
        }
        Object messages = remove(FLASH_KEY);
        if (!(messages instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    @Override
    public void setTestCookie() {
        put(TEST_COOKIE_KEY, TEST_COOKIE_VALUE);
    }

    @Override
    public boolean testCookieWorked() {
        return TEST_COOKIE_VALUE.equals(get(TEST_COOKIE_KEY));
    }

    @Override
    public void deleteTestCookie() {
        remove(TEST_COOKIE_KEY);
    }

    /** One key's value: its JSON and, once handed out or put, the Java object. */
    /** How a key was changed: written outright, or by functions to replay. */
    private static final class KeyLog {

        boolean absolute;

        final List<SessionChanges.Operation> operations = new ArrayList<>();
    }

    private final class EntrySet extends AbstractSet<Entry<String, Object>> {

        @Override
        public int size() {
            return TrackedSessionMap.this.size();
        }

        @Override
        public void clear() {
            TrackedSessionMap.this.clear();
        }

        @Override
        public Iterator<Entry<String, Object>> iterator() {
            Iterator<String> keys = slots().keySet().iterator();
            return new Iterator<>() {

                private @Nullable String last;

                @Override
                public boolean hasNext() {
                    return keys.hasNext();
                }

                @Override
                public Entry<String, Object> next() {
                    String key = keys.next();
                    this.last = key;
                    return new SessionEntry(key);
                }

                @Override
                public void remove() {
                    if (this.last == null) {
                        throw new IllegalStateException();
                    }
                    keys.remove();
                    log(this.last).absolute = true;
                    this.last = null;
                }
            };
        }
    }

    private final class SessionEntry implements Entry<String, Object> {

        private final String key;

        SessionEntry(String key) {
            this.key = key;
        }

        @Override
        public String getKey() {
            return this.key;
        }

        @Override
        public @Nullable Object getValue() {
            return get(this.key);
        }

        @Override
        public @Nullable Object setValue(@Nullable Object value) {
            return put(this.key, value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry<?, ?> entry && this.key.equals(entry.getKey())
                    && Objects.equals(getValue(), entry.getValue());
        }

        @Override
        public int hashCode() {
            return this.key.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return this.key + "=" + getValue();
        }
    }
}
