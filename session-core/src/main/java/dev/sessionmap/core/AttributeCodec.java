package dev.sessionmap.core;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Writes values that must come back as the class they were put as, such as the servlet
 * session's attributes, recording their type in the JSON. Unlike {@link SessionCodec},
 * whose reads never let the data choose a class, an implementation reads a recorded type
 * back only when it is on an explicit allow-list.
 */
public interface AttributeCodec {

    /**
     * The top-level property of a value's JSON that records its type; a value put without
     * a type may not have one.
     */
    String TYPE_PROPERTY = "@class";

    /**
     * The JSON of {@code value} with its type recorded, checked to read back: a value
     * that could not be read back fails here, when it is put, never later in another
     * request.
     * @throws SessionValueException naming the attribute and the type when the type is
     * not allowed or the value cannot be written
     */
    JsonNode encode(String name, Object value);

    /**
     * The value {@code json} holds: of its recorded type when there is one, else in plain
     * JSON types; {@code null} when the recorded type no longer exists or is no longer
     * allowed (the implementation says so in the log).
     */
    @Nullable Object decode(String name, JsonNode json);

}
