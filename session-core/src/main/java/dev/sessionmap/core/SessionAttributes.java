package dev.sessionmap.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A request's session seen as servlet session attributes: the same keys as its
 * {@link SessionMap}, with values an {@link AttributeCodec} writes with their type
 * recorded. What the web layer's {@code HttpSession} stands on.
 */
public final class SessionAttributes {

    private final TrackedSessionMap map;

    private final AttributeCodec codec;

    public SessionAttributes(SessionLifecycle lifecycle, AttributeCodec codec) {
        this.map = (TrackedSessionMap) lifecycle.map();
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The value of {@code name}: of the type recorded when it was set here, or in plain
     * JSON types for a value put through the {@link SessionMap}; {@code null} when absent
     * or no longer readable. Loads the session.
     */
    public @Nullable Object get(String name) {
        return this.map.getAttribute(name, this.codec);
    }

    /**
     * Sets {@code name}, its type recorded.
     * @throws SessionValueException when the codec cannot write the value so that it
     * reads back
     */
    public void set(String name, Object value) {
        this.map.setAttribute(name, value, this.codec);
    }

}
