package dev.sessionmap.web;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * How many bytes a response body takes, as far as {@link CommitGuardedResponse} must know
 * to see it commit.
 */
final class BodyBytes {

    /**
     * The most a container holds before it commits, whatever {@code getBufferSize()}
     * says: Jetty reports 32 KiB but sends any write of 8 KiB or more at once, and
     * aggregates smaller ones only up to 8 KiB.
     */
    static final int MOST_BUFFERED = 8192;

    private BodyBytes() {
    }

    /** The most bytes each charset takes for a character, looked up once per charset. */
    private static final Map<String, Float> MAX_BYTES_PER_CHAR = new ConcurrentHashMap<>();

    /**
     * The most bytes {@code count} characters from {@code offset} of {@code text} take in
     * {@code charset}: exact for UTF-8 (the default), ISO-8859-1 and US-ASCII, the
     * charset's most bytes a character for any other.
     */
    static long encodedLength(@Nullable String charset, CharSequence text, int offset, int count) {
        long fixed = fixedLength(charset, count);
        if (fixed >= 0) {
            return fixed;
        }
        long bytes = 0;
        for (int i = offset; i < offset + count; i++) {
            bytes += utf8Length(text.charAt(i));
        }
        return bytes;
    }

    /**
     * As {@link #encodedLength(String, CharSequence, int, int)}, for a writer's array.
     */
    static long encodedLength(@Nullable String charset, char[] text, int offset, int count) {
        long fixed = fixedLength(charset, count);
        if (fixed >= 0) {
            return fixed;
        }
        long bytes = 0;
        for (int i = offset; i < offset + count; i++) {
            bytes += utf8Length(text[i]);
        }
        return bytes;
    }

    /** As {@link #encodedLength(String, CharSequence, int, int)}, for one character. */
    static long encodedLength(@Nullable String charset, char c) {
        long fixed = fixedLength(charset, 1);
        return (fixed >= 0) ? fixed : utf8Length(c);
    }

    /**
     * The length of {@code count} characters in a charset other than UTF-8, or -1 for
     * UTF-8.
     */
    private static long fixedLength(@Nullable String charset, int count) {
        if (charset == null || charset.equalsIgnoreCase("UTF-8")) {
            return -1;
        }
        if (charset.equalsIgnoreCase("ISO-8859-1") || charset.equalsIgnoreCase("US-ASCII")) {
            return count;
        }
        return (long) Math.ceil(MAX_BYTES_PER_CHAR.computeIfAbsent(charset, BodyBytes::maxBytesPerChar) * count);
    }

    /** A surrogate is half of a four-byte pair. */
    private static int utf8Length(char c) {
        return (c < 0x80) ? 1 : (c < 0x800) ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }

    private static float maxBytesPerChar(String charset) {
        try {
            return Charset.forName(charset).newEncoder().maxBytesPerChar();
        }
        catch (IllegalArgumentException | UnsupportedOperationException ex) {
            return 4;
        }
    }

    /** A {@code Content-Length} header's value, or -1 when it is not a number. */
    static long parseLength(@Nullable String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

}
