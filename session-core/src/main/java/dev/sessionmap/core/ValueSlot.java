package dev.sessionmap.core;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * One key's value: its JSON, and the objects handed out for it, so that a change made to
 * one of them in place is written back. An untyped read always gives the JSON types the
 * next request will see, even in the request that put a {@code Cart} or read one typed;
 * so a key can have two views at once, the typed one and the plain one, and whichever
 * changed in place is written back (the other, then stale, is decoded afresh when asked
 * for). The typed view may be an attribute's, made by an {@link AttributeCodec} that
 * records the type. An attribute is written back as it is at the end of the request when
 * it was set in this request; one only read is not compared with its JSON (as with Spring
 * Session and clustered containers, a servlet attribute changed in place is saved by
 * setting it again), which saves encoding Spring Security's context on every request.
 */
final class ValueSlot {

    JsonNode json;

    private @Nullable Object typed;

    private boolean hasTyped;

    /** The codec that made the typed view, when it is an attribute's. */
    private @Nullable AttributeCodec typedBy;

    /** Whether the attribute view was set in this request, rather than read. */
    private boolean attributeSet;

    /** The type the typed view was read as, when it was read rather than put. */
    private @Nullable Class<?> readAs;

    private @Nullable Object plain;

    private boolean hasPlain;

    /**
     * Whether a view changed in place was written into the JSON since the changes were
     * last collected: a read that syncs must not swallow the change.
     */
    private boolean written;

    ValueSlot(JsonNode json) {
        this.json = json;
    }

    /** A slot for {@code value} as the handler put it, written as {@code json}. */
    ValueSlot(JsonNode json, @Nullable Object value) {
        this.json = json;
        this.typed = value;
        this.hasTyped = true;
    }

    /** A slot for an attribute as the handler set it, written by {@code attributes}. */
    ValueSlot(JsonNode json, Object value, AttributeCodec attributes) {
        this(json, value);
        this.typedBy = attributes;
        this.attributeSet = true;
    }

    /** Writes a view changed in place back into the JSON; whether the JSON changed. */
    boolean sync(String key, SessionCodec codec) {
        if (this.hasTyped && (this.typedBy == null || this.attributeSet)) {
            AttributeCodec attributes = this.typedBy;
            JsonNode now = (attributes != null && this.typed != null) ? attributes.encode(key, this.typed)
                    : codec.encode(key, this.typed);
            if (!now.equals(this.json) && !readUnchanged(key, now, codec)) {
                this.json = now;
                this.plain = null;
                this.hasPlain = false;
                this.written = true;
                return true;
            }
        }
        if (this.hasPlain) {
            JsonNode now = codec.encode(key, this.plain);
            if (!now.equals(this.json) && !now.equals(codec.encode(key, codec.decode(this.json)))) {
                this.json = now;
                this.typed = null;
                this.hasTyped = false;
                this.written = true;
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a typed view read from the JSON, now encoded as {@code now}, is still as it
     * was read: a read that converts (a number read as a {@code String}, an object read
     * as a class that leaves fields out) does not encode back to the same JSON, and a
     * read alone must never change the stored value.
     */
    private boolean readUnchanged(String key, JsonNode now, SessionCodec codec) {
        Class<?> type = this.readAs;
        return type != null && now.equals(codec.encode(key, codec.decode(key, this.json, type)));
    }

    /**
     * Writes any view changed in place back into the JSON and says whether the JSON
     * changed since the last call, by this sync or an earlier one a read made.
     */
    boolean collect(String key, SessionCodec codec) {
        sync(key, codec);
        boolean changed = this.written;
        this.written = false;
        return changed;
    }

    /** The value in JSON types, as an untyped read of the next request gives it. */
    @Nullable Object plain(String key, SessionCodec codec) {
        if (this.hasTyped) {
            sync(key, codec);
        }
        if (!this.hasPlain) {
            this.plain = codec.decode(this.json);
            this.hasPlain = true;
        }
        return this.plain;
    }

    /** The value converted to {@code type}. */
    <T> @Nullable T typed(String key, Class<T> type, SessionCodec codec) {
        if (this.hasPlain) {
            sync(key, codec);
        }
        if (this.hasTyped && this.typedBy == null && type.isInstance(this.typed)) {
            return type.cast(this.typed);
        }
        if (this.hasTyped) {
            sync(key, codec);
        }
        T value = codec.decode(key, this.json, type);
        this.typed = value;
        this.hasTyped = true;
        this.typedBy = null;
        this.attributeSet = false;
        this.readAs = type;
        return value;
    }

    /**
     * The value as an attribute: of the type {@code attributes} recorded, or in plain
     * JSON types.
     */
    @Nullable Object attribute(String key, AttributeCodec attributes, SessionCodec codec) {
        if (this.hasPlain) {
            sync(key, codec);
        }
        if (this.hasTyped && this.typedBy == attributes) {
            return this.typed;
        }
        if (this.hasTyped) {
            sync(key, codec);
        }
        Object value = attributes.decode(key, this.json);
        this.typed = value;
        this.hasTyped = true;
        this.typedBy = attributes;
        this.attributeSet = false;
        this.readAs = null;
        return value;
    }

}
