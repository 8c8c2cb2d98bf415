package dev.sessionmap.web;

import java.nio.charset.Charset;

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

    /**
     * The most bytes {@code count} characters from {@code offset} of {@code text} take in
     * {@code charset}: exact for UTF-8 (the default), ISO-8859-1 and US-ASCII, the
     * charset's most bytes a character for any other.
     */
    static long encodedLength(@Nullable String charset, CharSequence text, int offset, int count) {
        if (charset != null && (charset.equalsIgnoreCase("ISO-8859-1") || charset.equalsIgnoreCase("US-ASCII"))) {
            return count;
        }
        if (charset != null && !charset.equalsIgnoreCase("UTF-8")) {
            return (long) Math.ceil(maxBytesPerChar(charset) * count);
        }
        long bytes = 0;
        for (int i = offset; i < offset + count; i++) {
            char c = text.charAt(i);
            bytes += (c < 0x80) ? 1 : (c < 0x800) ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
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
