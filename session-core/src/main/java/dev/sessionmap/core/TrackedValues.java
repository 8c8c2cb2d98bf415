package dev.sessionmap.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One set of a session's values, the application's or the library's records, each kept as
 * JSON next to the objects handed out for it, with a log of how each key changed: written
 * outright, or by functions to replay after a concurrent write (see
 * {@link SessionChanges}).
 */
final class TrackedValues {

    private final SessionCodec codec;

    private final Map<String, ValueSlot> slots = new LinkedHashMap<>();

    /**
     * How each changed key changed, made on the first change: most requests only read,
     * and a session has two sets of values.
     */
    private @Nullable Map<String, KeyLog> log;

    private boolean cleared;

    TrackedValues(SessionCodec codec) {
        this.codec = codec;
    }

    /** Takes {@code value} as loaded, without recording a change. */
    void load(String key, JsonNode value) {
        this.slots.put(key, new ValueSlot(value));
    }

    int size() {
        return this.slots.size();
    }

    boolean containsKey(String key) {
        return this.slots.containsKey(key);
    }

    /** The keys, in order; removing through the iterator records the removal. */
    Iterator<String> keys() {
        Iterator<String> keys = this.slots.keySet().iterator();
        return new Iterator<>() {

            private @Nullable String last;

            @Override
            public boolean hasNext() {
                return keys.hasNext();
            }

            @Override
            public String next() {
                this.last = keys.next();
                return this.last;
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

    @Nullable Object get(String key) {
        ValueSlot slot = this.slots.get(key);
        return (slot != null) ? slot.plain(key, this.codec) : null;
    }

    <T> @Nullable T get(String key, Class<T> type) {
        ValueSlot slot = this.slots.get(key);
        return (slot != null) ? slot.typed(key, type, this.codec) : null;
    }

    /** Sets the key, and returns its previous value in JSON types. */
    @Nullable Object put(String key, @Nullable Object value) {
        ValueSlot previous = this.slots.put(key, new ValueSlot(plainJson(key, value), value));
        log(key).absolute = true;
        return (previous != null) ? previous.plain(key, this.codec) : null;
    }

    /**
     * The JSON of a value put without a type. An object with a top-level {@code "@class"}
     * is refused: that is how an attribute stored with its type is told apart, and a map
     * of the visitor's input must never pass for one.
     */
    private JsonNode plainJson(String key, @Nullable Object value) {
        JsonNode json = this.codec.encode(key, value);
        if (json.isObject() && json.has(AttributeCodec.TYPE_PROPERTY)) {
            throw new SessionValueException(
                    "Session value for key '" + key + "' has a top-level \"" + AttributeCodec.TYPE_PROPERTY
                            + "\" property, which is reserved for servlet session attributes stored with their type");
        }
        return json;
    }

    /**
     * The value as a servlet session attribute: of the type {@code attributes} recorded,
     * or in plain JSON types.
     */
    @Nullable Object getAttribute(String key, AttributeCodec attributes) {
        ValueSlot slot = this.slots.get(key);
        return (slot != null) ? slot.attribute(key, attributes, this.codec) : null;
    }

    /** Sets a servlet session attribute, its type recorded by {@code attributes}. */
    void setAttribute(String key, Object value, AttributeCodec attributes) {
        this.slots.put(key, new ValueSlot(attributes.encode(key, value), value, attributes));
        log(key).absolute = true;
    }

    @Nullable Object remove(String key) {
        ValueSlot previous = this.slots.remove(key);
        if (previous == null) {
            return null;
        }
        log(key).absolute = true;
        return previous.plain(key, this.codec);
    }

    void clear() {
        this.slots.clear();
        this.log = null;
        this.cleared = true;
    }

    /**
     * Runs {@code function} on the key's value now and records it to run again after a
     * concurrent write.
     */
    @Nullable Object replay(String key, UnaryOperator<@Nullable Object> function) {
        // Untyped, as on a replay after a concurrent write, which starts from the fresh
        // JSON.
        Object next = function.apply(get(key));
        if (next == null) {
            this.slots.remove(key);
        }
        else {
            this.slots.put(key, new ValueSlot(plainJson(key, next), next));
        }
        KeyLog entry = log(key);
        if (!entry.absolute) {
            entry.operations.add(new SessionChanges.Operation(function, null));
        }
        return next;
    }

    /** Whether these values were cleared before their other changes. */
    boolean isCleared() {
        return this.cleared;
    }

    /**
     * Adds the changes to {@code changes}, including values changed in place (a list that
     * was added to): each value handed out is written again and compared with the JSON it
     * had.
     */
    void collectChanges(Map<String, SessionChanges.Change> changes) {
        this.slots.forEach((key, slot) -> {
            if (slot.collect(key, this.codec)) {
                log(key).absolute = true;
            }
        });
        Map<String, KeyLog> log = this.log;
        if (log == null) {
            return;
        }
        log.forEach((key, entry) -> {
            if (entry.absolute) {
                ValueSlot slot = this.slots.get(key);
                changes.put(key, new SessionChanges.Write((slot != null) ? slot.json : null));
            }
            else {
                changes.put(key, new SessionChanges.Replay(List.copyOf(entry.operations)));
            }
        });
    }

    /**
     * Adds the values as they are now to {@code data}; collect the changes first so
     * values changed in place are included.
     */
    void writeTo(ObjectNode data) {
        this.slots.forEach((key, slot) -> data.set(key, slot.json));
    }

    /**
     * Forgets the recorded changes once they were written: later changes are recorded
     * afresh.
     */
    void markSaved() {
        this.cleared = false;
        this.log = null;
    }

    /** Forgets all values and changes. */
    void reset() {
        this.slots.clear();
        this.log = null;
        this.cleared = false;
    }

    private KeyLog log(String key) {
        Map<String, KeyLog> log = this.log;
        if (log == null) {
            log = new LinkedHashMap<>();
            this.log = log;
        }
        return log.computeIfAbsent(key, (k) -> new KeyLog());
    }

    /** How a key was changed: written outright, or by functions to replay. */
    private static final class KeyLog {

        boolean absolute;

        final List<SessionChanges.Operation> operations = new ArrayList<>();

    }

}
