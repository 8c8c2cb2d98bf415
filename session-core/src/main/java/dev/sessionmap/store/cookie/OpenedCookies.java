package dev.sessionmap.store.cookie;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.StoredSession;

/**
 * The plaintext of the cookie values a store recently opened or sealed, by the exact
 * value, so that a browser sending the same cookie again costs neither the base64
 * decoding nor the AES-GCM open, and, once a request has parsed it, not the JSON either.
 * A key is a value that opened under the store's keys, or that the store sealed itself;
 * no other string ever gets in, and what a key maps to is what opening it would give.
 *
 * <p>
 * Its size is bounded by an estimate of the heap its entries hold. It keeps two
 * generations of at most half that each: entries go into the young one, and when that is
 * full it becomes the old one and the old one is dropped. An entry found in the old
 * generation moves back to the young one, so the cookies in use stay and the ones no
 * browser sends any more go. Nothing is locked on a lookup.
 *
 * <p>
 * Thread-safe.
 */
final class OpenedCookies {

    /**
     * Heap bytes an entry holds besides its key and plaintext: the map's node, the entry,
     * the array header and the parsed session's fixed parts.
     */
    private static final int ENTRY_OVERHEAD = 256;

    /**
     * Heap bytes the parsed JSON takes per byte of JSON, at most for the small keys and
     * numbers sessions mostly hold: each property is a map entry, a key string and a
     * node.
     */
    private static final int PARSED_BYTES_PER_BYTE = 8;

    private final long maxBytes;

    private final long generationBytes;

    private volatile Generation young;

    private volatile Generation old;

    /**
     * @param maxBytes about how many heap bytes the entries may hold together; 0 keeps
     * nothing
     */
    OpenedCookies(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("The cache size must not be negative");
        }
        this.maxBytes = maxBytes;
        this.generationBytes = maxBytes / 2;
        this.young = new Generation(this.generationBytes);
        this.old = new Generation(0);
    }

    /** The entry for {@code sealed}, or {@code null} if it is not kept. */
    @Nullable Entry get(String sealed) {
        if (this.generationBytes == 0) {
            return null;
        }
        Token token = new Token(sealed);
        Entry entry = this.young.entries.get(token);
        if (entry != null) {
            return entry;
        }
        entry = this.old.entries.get(token);
        if (entry != null) {
            put(token, entry);
        }
        return entry;
    }

    /**
     * Keeps {@code entry} for {@code sealed}, unless it alone is over a generation's
     * size.
     */
    void put(String sealed, Entry entry) {
        put(new Token(sealed), entry);
    }

    private void put(Token token, Entry entry) {
        long weight = weight(token.value, entry.plaintext);
        if (weight > this.generationBytes) {
            return;
        }
        Generation generation = this.young;
        if (generation.entries.putIfAbsent(token, entry) == null
                && generation.bytes.addAndGet(weight) > this.generationBytes) {
            turnOver(generation);
        }
    }

    /** About how many heap bytes the entries may hold together. */
    long maxBytes() {
        return this.maxBytes;
    }

    /** The estimated heap bytes of the entries kept now. */
    long bytes() {
        return this.young.bytes.get() + this.old.bytes.get();
    }

    private synchronized void turnOver(Generation full) {
        if (this.young == full) {
            this.old = full;
            this.young = new Generation(this.generationBytes);
        }
    }

    private static long weight(String sealed, byte[] plaintext) {
        return ENTRY_OVERHEAD + sealed.length() + (long) plaintext.length * (1 + PARSED_BYTES_PER_BYTE);
    }

    private static final class Generation {

        /** Entries a generation is sized for at first: those of a few small values. */
        private static final int TYPICAL_ENTRY_BYTES = 1024;

        final ConcurrentHashMap<Token, Entry> entries;

        final AtomicLong bytes = new AtomicLong();

        Generation(long maxBytes) {
            this.entries = new ConcurrentHashMap<>((int) Math.min(1 << 16, maxBytes / TYPICAL_ENTRY_BYTES));
        }

    }

    /**
     * A cookie value as a key, compared in constant time: a value holds its GCM tag, and
     * a lookup must not tell how much of a kept value another one matches.
     */
    private static final class Token {

        /**
         * Characters hashed, from the end: the GCM tag's, which differ between any two
         * values, so hashing the rest would only cost time.
         */
        private static final int HASHED = 16;

        private final String value;

        private final int hash;

        Token(String value) {
            this.value = value;
            int hash = 0;
            for (int i = Math.max(0, value.length() - HASHED); i < value.length(); i++) {
                hash = 31 * hash + value.charAt(i);
            }
            this.hash = hash;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            if (!(other instanceof Token token) || token.value.length() != this.value.length()) {
                return false;
            }
            int difference = 0;
            for (int i = 0; i < this.value.length(); i++) {
                difference |= this.value.charAt(i) ^ token.value.charAt(i);
            }
            return difference == 0;
        }

        @Override
        public int hashCode() {
            return this.hash;
        }

    }

    /**
     * What a cookie value opens to: the plaintext, whether a previous key sealed it, and
     * the session parsed from it once a request has parsed it (or, for a value the store
     * sealed, the session as parsing it would give, where that is certain). The parsed
     * session is shared, so it must never be handed out or changed, only copied.
     */
    static final class Entry {

        final byte[] plaintext;

        final boolean previousKey;

        volatile @Nullable StoredSession parsed;

        Entry(byte[] plaintext, boolean previousKey) {
            this.plaintext = plaintext;
            this.previousKey = previousKey;
        }

    }

}
