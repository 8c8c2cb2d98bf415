package dev.sessionmap.web;

import org.jspecify.annotations.Nullable;

/** How many bytes a response body takes, as far as {@link CommitGuardedResponse} must know to see it commit. */
final class BodyBytes {

    private BodyBytes() {
    }

    /**
     * The most bytes {@code count} characters from {@code offset} of {@code text} take in {@code charset}: exact for
     * UTF-8 and the single-byte charsets, four a character for any other.
     */
    static long encodedLength(@Nullable String charset, CharSequence text, int offset, int count) {
        if (charset == null || !(charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("ISO-8859-1")
                || charset.equalsIgnoreCase("US-ASCII"))) {
            return 4L * count;
        }
        long bytes = 0;
        for (int i = offset; i < offset + count; i++) {
            char c = text.charAt(i);
            bytes += (c < 0x80) ? 1 : (c < 0x800) ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** A {@code Content-Length} header's value, or -1 when it is not a number. */
    static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }
}
