package dev.sessionmap.core;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The entry view of a session map: entries read and write through the map, so a value is
 * decoded only when asked for, and removing through the iterator is recorded as a change
 * like {@code remove}.
 */
final class SessionEntrySet extends AbstractSet<Entry<String, Object>> {

    private final Map<String, Object> map;

    private final Supplier<Iterator<String>> keys;

    /**
     * @param keys the map's keys, whose iterator records a removal
     */
    SessionEntrySet(Map<String, Object> map, Supplier<Iterator<String>> keys) {
        this.map = map;
        this.keys = keys;
    }

    @Override
    public int size() {
        return this.map.size();
    }

    @Override
    public void clear() {
        this.map.clear();
    }

    @Override
    public Iterator<Entry<String, Object>> iterator() {
        Iterator<String> keys = this.keys.get();
        return new Iterator<>() {

            @Override
            public boolean hasNext() {
                return keys.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
                return new SessionEntry(keys.next());
            }

            @Override
            public void remove() {
                keys.remove();
            }
        };
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
            return SessionEntrySet.this.map.get(this.key);
        }

        @Override
        public @Nullable Object setValue(@Nullable Object value) {
            return SessionEntrySet.this.map.put(this.key, value);
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
