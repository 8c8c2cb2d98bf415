package dev.sessionmap.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * What the {@code principal_name} column holds for a user: the name itself when every
 * supported database can store it as it is (at most {@value #LENGTH} characters, no NUL,
 * no broken surrogate pair), else {@code sha256:} and the hex SHA-256 of its UTF-8 bytes.
 * So a longer name never fails a write, and its sessions are listed all the same. The
 * column is only an index: the store keeps the rows whose data names the user exactly, so
 * a name that happens to equal another's digest, or that a case-insensitive or
 * space-padding comparison would match, lists nothing that is not the user's.
 */
final class PrincipalColumn {

    /** The column's width, in characters. */
    static final int LENGTH = 255;

    private static final String DIGEST_PREFIX = "sha256:";

    private PrincipalColumn() {
    }

    /** The column's value for {@code principal}; {@code null} for none. */
    static @Nullable String valueOf(@Nullable String principal) {
        if (principal == null) {
            return null;
        }
        return storableAsItIs(principal) ? principal : DIGEST_PREFIX + HexFormat.of().formatHex(sha256(principal));
    }

    private static boolean storableAsItIs(String principal) {
        // Counting UTF-16 units: a name that fits so fits in characters (code points)
        // too.
        if (principal.length() > LENGTH) {
            return false;
        }
        for (int i = 0; i < principal.length(); i++) {
            char c = principal.charAt(i);
            if (c == '\0') {
                // PostgreSQL refuses NUL in text.
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < principal.length()
                    && Character.isLowSurrogate(principal.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                // Not encodable in UTF-8, so not storable in a utf8mb4 column.
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(String principal) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

}
