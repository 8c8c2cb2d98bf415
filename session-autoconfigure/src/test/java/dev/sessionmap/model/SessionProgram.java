package dev.sessionmap.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionMap;

/**
 * One request's operations on the session, and what running them does: to the real
 * session inside a handler, and to the model, a plain {@link LinkedHashMap} with a list
 * of flash messages and a test-cookie flag. The same operation code runs on both sides
 * through the {@link Map} interface; what differs is only where the state lives between
 * requests, which is what the model test checks.
 */
final class SessionProgram {

    /** The keys operations use: few, so that operations meet each other's values. */
    static final List<String> KEYS = List.of("a", "b", "n", "cart");

    private SessionProgram() {
    }

    /**
     * An operation: its kind, the key it works on and a JSON value, where it needs one.
     */
    record Op(String kind, String key, @Nullable Object value) {

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", this.kind);
            json.put("key", this.key);
            json.put("value", this.value);
            return json;
        }

        @SuppressWarnings("unchecked")
        static Op fromJson(Map<String, Object> json) {
            return new Op((String) json.get("kind"), (String) json.get("key"), json.get("value"));
        }

        @Override
        public String toString() {
            return this.kind + "(" + this.key + ((this.value != null) ? ", " + this.value : "") + ")";
        }

    }

    /**
     * What the session holds besides the map, where the model keeps it; the real session
     * keeps it in its own records.
     */
    interface Extras {

        void flash(String message);

        List<String> consumeFlashes();

        void setTestCookie();

        boolean testCookieWorked();

        void deleteTestCookie();

        /** Invalidate: the map, the flashes and the test cookie are gone. */
        void invalidate();

        void rotateId();

        void save();

        void setTimeout(Duration timeout);

        void setAttribute(String name, Object value);

        void removeAttribute(String name);

        @Nullable Object getAttribute(String name);

    }

    /**
     * Runs {@code ops} on {@code values} and {@code extras}; what reads returned, in
     * order.
     */
    static List<@Nullable Object> run(List<Op> ops, Map<String, Object> values, Extras extras) {
        List<@Nullable Object> results = new ArrayList<>();
        for (Op op : ops) {
            results.add(step(op, values, extras));
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object step(Op op, Map<String, Object> values, Extras extras) {
        String key = op.key();
        switch (op.kind()) {
            case "put" -> values.put(key, copy(op.value()));
            case "remove" -> values.remove(key);
            case "get" -> {
                return copy(values.get(key));
            }
            case "mutate" -> {
                Object current = values.get(key);
                if (current instanceof Map<?, ?> map) {
                    Object count = map.get("m");
                    ((Map<String, Object>) map).put("m", (count instanceof Integer n) ? n + 1 : 1);
                }
                else if (current instanceof List<?> list) {
                    ((List<Object>) list).add(op.value());
                }
            }
            case "merge" -> {
                if (values.get(key) == null || values.get(key) instanceof Integer) {
                    values.merge(key, op.value(), (a, b) -> (Integer) a + (Integer) b);
                }
            }
            case "compute" -> {
                if (values.get(key) == null || values.get(key) instanceof Integer) {
                    values.compute(key, (k, v) -> countToThree(v));
                }
            }
            case "clear" -> values.clear();
            case "size" -> {
                return values.size();
            }
            case "keys" -> {
                return new ArrayList<>(values.keySet());
            }
            case "save" -> extras.save();
            case "invalidate" -> extras.invalidate();
            case "rotateId" -> extras.rotateId();
            case "timeout" -> extras.setTimeout(Duration.ofMinutes((Integer) op.value()));
            case "flash" -> extras.flash((String) op.value());
            case "consumeFlashes" -> {
                return extras.consumeFlashes();
            }
            case "setTestCookie" -> extras.setTestCookie();
            case "testCookieWorked" -> {
                return extras.testCookieWorked();
            }
            case "deleteTestCookie" -> extras.deleteTestCookie();
            case "setAttribute" -> extras.setAttribute(key, (String) op.value());
            case "removeAttribute" -> extras.removeAttribute(key);
            case "getAttribute" -> {
                return copy(extras.getAttribute(key));
            }
            default -> throw new IllegalArgumentException("Unknown operation " + op);
        }
        return null;
    }

    /** 1, 2, 3, then gone. */
    private static @Nullable Object countToThree(@Nullable Object count) {
        if (count == null) {
            return 1;
        }
        int value = (Integer) count;
        return (value >= 3) ? null : value + 1;
    }

    /**
     * A deep, mutable copy of a JSON value, so neither side shares objects with the op.
     */
    @SuppressWarnings("unchecked")
    static @Nullable Object copy(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach((v) -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /**
     * The real session's extras: its own records, and the servlet session, asked of the
     * request each time (an invalidated one is not served again).
     */
    static Extras of(SessionMap session, HttpServletRequest request) {
        return new Extras() {

            @Override
            public void flash(String message) {
                session.flash(message);
            }

            @Override
            public List<String> consumeFlashes() {
                return session.consumeFlashes();
            }

            @Override
            public void setTestCookie() {
                session.setTestCookie();
            }

            @Override
            public boolean testCookieWorked() {
                return session.testCookieWorked();
            }

            @Override
            public void deleteTestCookie() {
                session.deleteTestCookie();
            }

            @Override
            public void invalidate() {
                session.invalidate();
            }

            @Override
            public void rotateId() {
                session.rotateId();
            }

            @Override
            public void save() {
                session.save();
            }

            @Override
            public void setTimeout(Duration timeout) {
                session.setTimeout(timeout);
            }

            @Override
            public void setAttribute(String name, Object value) {
                request.getSession().setAttribute(name, value);
            }

            @Override
            public void removeAttribute(String name) {
                request.getSession().removeAttribute(name);
            }

            @Override
            public @Nullable Object getAttribute(String name) {
                return request.getSession().getAttribute(name);
            }

        };
    }

}
