package dev.sessionmap.store.redis;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.store.AtRestSealer;
import tools.jackson.databind.JsonNode;

/**
 * The stored form of the values in a session's hash: each value's JSON, passed through
 * the {@link AtRestSealer} with the session's id hash and the field's name, so a value
 * sealed for one field of one session opens nowhere else. The metadata fields stay plain:
 * the scripts compare and order them.
 */
final class HashValues {

    private final SessionCodec codec;

    private final AtRestSealer sealer;

    HashValues(SessionCodec codec, AtRestSealer sealer) {
        this.codec = codec;
        this.sealer = sealer;
    }

    SessionCodec codec() {
        return this.codec;
    }

    /** What {@code field} of the session {@code idHash} stores for {@code value}. */
    String write(String idHash, String field, JsonNode value) {
        return this.sealer.seal(new String(this.codec.writeBytes(value), StandardCharsets.UTF_8), idHash, field);
    }

    /**
     * The value {@code stored} in {@code field} of the session {@code idHash};
     * {@code null} when it is sealed and does not open there. Fails on malformed JSON.
     */
    @Nullable JsonNode read(String idHash, String field, String stored) {
        AtRestSealer.Opened opened = open(idHash, field, stored);
        return (opened != null) ? parse(opened.json()) : null;
    }

    /**
     * The JSON {@code stored} in {@code field} of the session {@code idHash}, and whether
     * it is outdated; {@code null} when it is sealed and does not open there.
     */
    AtRestSealer.@Nullable Opened open(String idHash, String field, String stored) {
        return this.sealer.read(stored, idHash, field);
    }

    JsonNode parse(String json) {
        return this.codec.readBytes(json.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

}
