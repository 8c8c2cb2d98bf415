package dev.sessionmap.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request's changes to a session, key by key, in a form a store can re-apply onto a
 * fresher copy after a concurrent write: a put or remove is re-applied as the value this
 * request wrote (the later write wins), a {@code merge} or {@code compute} is re-run
 * against the fresh value, so concurrent increments are not lost.
 */
public final class SessionChanges {

    private static final SessionChanges NONE = new SessionChanges(false, Map.of());

    private final boolean cleared;

    private final Map<String, Change> changes;

    SessionChanges(boolean cleared, Map<String, Change> changes) {
        this.cleared = cleared;
        this.changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** No changes. */
    public static SessionChanges none() {
        return NONE;
    }

    /** Whether the request changed nothing. */
    public boolean isEmpty() {
        return !this.cleared && this.changes.isEmpty();
    }

    /**
     * Whether the request cleared the application's map before its other changes: every
     * application key goes, the library's records (keys starting with {@code _}) stay
     * unless changed themselves.
     */
    public boolean isCleared() {
        return this.cleared;
    }

    /**
     * The changed keys and what happened to each, in the order they were first changed.
     */
    public Map<String, Change> byKey() {
        return this.changes;
    }

    /** {@code base} with these changes applied; {@code base} itself is not modified. */
    public ObjectNode applyTo(ObjectNode base, SessionCodec codec) {
        ObjectNode result = base.deepCopy();
        if (this.cleared) {
            List<String> applicationKeys = new ArrayList<>();
            result.properties().forEach((property) -> applicationKeys.add(property.getKey()));
            applicationKeys.stream().filter((key) -> !SessionState.isReserved(key)).forEach(result::remove);
        }
        this.changes.forEach((key, change) -> change.applyTo(key, result, codec));
        return result;
    }

    /** What one request did to one key. */
    public sealed interface Change permits Write, Replay {

        void applyTo(String key, ObjectNode data, SessionCodec codec);

    }

    /**
     * The key was set to {@code value}, or removed when {@code value} is {@code null}.
     *
     * @param value the JSON written
     */
    public record Write(@Nullable JsonNode value) implements Change {

        @Override
        public void applyTo(String key, ObjectNode data, SessionCodec codec) {
            if (this.value == null) {
                data.remove(key);
            }
            else {
                data.set(key, this.value);
            }
        }
    }

    /**
     * The key was changed by functions of its previous value ({@code merge},
     * {@code compute}, ...), to be run again, in order, against the fresh value.
     *
     * @param operations the functions, in the order they ran
     */
    public record Replay(List<Operation> operations) implements Change {

        @Override
        public void applyTo(String key, ObjectNode data, SessionCodec codec) {
            JsonNode current = data.get(key);
            Object value = null;
            boolean decoded = false;
            for (Operation operation : this.operations) {
                if (!decoded) {
                    value = (current != null) ? operation.decode(key, current, codec) : null;
                    decoded = true;
                }
                value = operation.function().apply(value);
            }
            if (value == null) {
                data.remove(key);
            }
            else {
                data.set(key, codec.encode(key, value));
            }
        }
    }

    /**
     * One function of a key's previous value ({@code null} when absent) to its next
     * ({@code null} removes the key).
     *
     * @param function the function as the map method defines it
     * @param type the Java type the previous value had when the function first ran, or
     * {@code null} for plain JSON types
     */
    public record Operation(UnaryOperator<@Nullable Object> function, @Nullable Class<?> type) {

        @Nullable Object decode(String key, JsonNode json, SessionCodec codec) {
            return (this.type != null) ? codec.decode(key, json, this.type) : codec.decode(json);
        }
    }

}
