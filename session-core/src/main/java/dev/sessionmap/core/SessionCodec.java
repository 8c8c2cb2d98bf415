package dev.sessionmap.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns session values into JSON and back with one shared Jackson mapper. Values decode
 * to plain JSON types (maps, lists, strings, numbers, booleans) unless the caller names a
 * type: the stored data never chooses a class, so a session cannot be made to instantiate
 * anything.
 */
public final class SessionCodec {

    /** Deeper trees are parsed rather than copied by {@link #readBackCopy}. */
    private static final int READ_BACK_DEPTH = 32;

    private final JsonMapper mapper;

    /**
     * Whether this mapper parses an int and a long back as the nodes they were written
     * from, and writes an object's properties in their order.
     */
    private final boolean treesReadBack;

    public SessionCodec(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        DeserializationConfig reading = mapper.deserializationConfig();
        this.treesReadBack = !reading.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                && !reading.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
                && !mapper.serializationConfig().isEnabled(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
    }

    /**
     * A codec on a default {@link JsonMapper} (Jackson 3 reads and writes
     * {@code java.time} types out of the box) that refuses objects with no properties,
     * which would otherwise be stored as {@code {}} and silently lose their state. Its
     * per-call buffers come from a lock-free pool shared by all threads, virtual ones
     * included.
     */
    public static SessionCodec withDefaults() {
        JsonFactory factory = JsonFactory.builder().recyclerPool(JsonBufferPool.SHARED).build();
        return new SessionCodec(JsonMapper.builder(factory).enable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build());
    }

    /**
     * The JSON of one value; fails with a message naming the key and the value's type.
     */
    public JsonNode encode(String key, @Nullable Object value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode scalar = plainScalar(value);
        if (scalar != null) {
            return scalar;
        }
        try {
            return this.mapper.valueToTree(value);
        }
        catch (JacksonException | IllegalArgumentException ex) {
            throw new SessionValueException("Session value for key '" + key + "' of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + ex.getMessage(), ex);
        }
    }

    /**
     * The value as plain JSON types: {@code Map}, {@code List}, {@code String},
     * {@code Integer}, ...
     */
    public @Nullable Object decode(JsonNode json) {
        Object scalar = plainScalar(json);
        return (scalar != null) ? scalar : this.mapper.treeToValue(json, Object.class);
    }

    /**
     * The value converted to {@code type}; fails with a message naming the key and the
     * type.
     */
    public <T> @Nullable T decode(String key, JsonNode json, Class<T> type) {
        Object scalar = plainScalar(json, type);
        if (scalar != null) {
            return type.cast(scalar);
        }
        try {
            return this.mapper.treeToValue(json, type);
        }
        catch (JacksonException | IllegalArgumentException ex) {
            throw new SessionValueException(
                    "Session value for key '" + key + "' cannot be read as " + type.getName() + ": " + ex.getMessage(),
                    ex);
        }
    }

    /**
     * The JSON of the commonest values, as the mapper's conversion makes it, without the
     * conversion's machinery (a token buffer and a serializer lookup), which cost more
     * than the rest of a put.
     */
    private static @Nullable JsonNode plainScalar(Object value) {
        if (value instanceof Integer number) {
            return JsonNodeFactory.instance.numberNode(number);
        }
        if (value instanceof String text) {
            return JsonNodeFactory.instance.stringNode(text);
        }
        if (value instanceof Boolean flag) {
            return JsonNodeFactory.instance.booleanNode(flag);
        }
        return null;
    }

    /**
     * The commonest values read back, as the mapper's conversion reads them, for the same
     * reason.
     */
    private static @Nullable Object plainScalar(JsonNode json, Class<?> type) {
        if (type == Integer.class && json.isInt()) {
            return json.intValue();
        }
        if (type == Long.class && (json.isInt() || json.isLong())) {
            return json.longValue();
        }
        if (type == String.class && json.isString()) {
            return json.asString();
        }
        if (type == Boolean.class && json.isBoolean()) {
            return json.booleanValue();
        }
        return null;
    }

    /**
     * The commonest values read back untyped, as the mapper's untyped conversion reads
     * them ({@code Integer} for an int, {@code Long} for a long, {@code String},
     * {@code Boolean}), without a token stream over the tree and a deserialization
     * context per read: an untyped {@code get} on every request of a counter paid for
     * both. {@code null} for everything else, which the mapper converts.
     */
    private static @Nullable Object plainScalar(JsonNode json) {
        if (json.isInt()) {
            return json.intValue();
        }
        if (json.isLong()) {
            return json.longValue();
        }
        if (json.isString()) {
            return json.asString();
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        return null;
    }

    /**
     * Parses a session's stored data; fails with a {@link JacksonException} on anything
     * but a JSON object.
     */
    public ObjectNode parse(String json) {
        JsonNode node = this.mapper.readTree(json);
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("Session data is not a JSON object");
    }

    /**
     * Parses data written by {@link #writeBytes} as a JSON object, as
     * {@link #parse(String)} does; a tree read needs no type lookup, unlike
     * {@link #readBytes}.
     */
    public ObjectNode parse(byte[] json) {
        JsonNode node;
        try {
            node = this.mapper.readTree(json);
        }
        catch (StreamReadException ex) {
            // See readBytes: what the parser of bytes refuses, the parser of characters
            // may read.
            node = this.mapper.readTree(new String(json, StandardCharsets.UTF_8));
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("Session data is not a JSON object");
    }

    /** The stored form of a session's data. */
    public String write(ObjectNode data) {
        return this.mapper.writeValueAsString(data);
    }

    /** The same data as UTF-8 bytes, for stores that seal or send bytes. */
    public byte[] writeBytes(Object value) {
        return this.mapper.writeValueAsBytes(value);
    }

    /**
     * A JSON object as UTF-8 bytes, its properties written by {@code properties} straight
     * to the output: a store's envelope around a session's data, with no tree of it built
     * first. Values written with {@link JsonGenerator#writeTree} go through this mapper.
     */
    public byte[] writeObjectBytes(Consumer<JsonGenerator> properties) {
        ExactBytes bytes = new ExactBytes();
        try (JsonGenerator generator = this.mapper.createGenerator(bytes)) {
            generator.writeStartObject();
            properties.accept(generator);
            generator.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /**
     * Reads bytes written by {@link #writeBytes} as {@code type}. Jackson writes a
     * property name with an unpaired surrogate (a string cut in the middle of an emoji)
     * as an escape sequence, which its parser of bytes refuses and its parser of
     * characters reads back: bytes it refuses are read again as characters, so such a
     * session is not lost.
     */
    public <T> T readBytes(byte[] bytes, Class<T> type) {
        try {
            return this.mapper.readValue(bytes, type);
        }
        catch (StreamReadException ex) {
            return this.mapper.readValue(new String(bytes, StandardCharsets.UTF_8), type);
        }
    }

    /**
     * A copy of {@code data} that equals, node type for node type, what
     * {@link #parse(byte[])} makes of {@link #writeBytes}'s JSON of it; {@code null} if
     * that is not certain without parsing. Certain for objects and arrays up to 32 deep
     * of strings, booleans, ints and longs beyond the int range, which is what sessions
     * mostly hold. Not for nulls, floating-point and big numbers: the mapper's features
     * decide how those read back. Immutable nodes are shared.
     */
    public @Nullable ObjectNode readBackCopy(ObjectNode data) {
        return this.treesReadBack ? (ObjectNode) readBackCopy(data, 0) : null;
    }

    private static @Nullable JsonNode readBackCopy(JsonNode node, int depth) {
        if (node instanceof ObjectNode object) {
            if (depth == READ_BACK_DEPTH) {
                return null;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                JsonNode value = readBackCopy(property.getValue(), depth + 1);
                if (value == null) {
                    return null;
                }
                copy.set(property.getKey(), value);
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            if (depth == READ_BACK_DEPTH) {
                return null;
            }
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
            for (JsonNode element : array) {
                JsonNode value = readBackCopy(element, depth + 1);
                if (value == null) {
                    return null;
                }
                copy.add(value);
            }
            return copy;
        }
        if (node.isString() || node.isBoolean() || node.isInt()) {
            return node;
        }
        // A long in the int range parses as an int.
        return (node.isLong() && node.longValue() != (int) node.longValue()) ? node : null;
    }

    /** An empty data object. */
    public ObjectNode newData() {
        return this.mapper.createObjectNode();
    }

}
