package dev.sessionmap.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Session ids: 256 random bits from {@link SecureRandom}, URL-safe base64 without
 * padding, and the SHA-256 hash under which server-side stores keep them, so a leaked
 * table cannot be replayed.
 */
public final class SessionIds {

    /** Length of an id in characters: 32 bytes in unpadded base64. */
    public static final int LENGTH = 43;

    private static final int BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    // Looking the algorithm up on every call showed in request profiles (a provider
    // search per request); a digest resets itself after digest(), so one can be reused.
    // Pooled, not one per thread: under virtual threads a thread lives for one request.
    private static final ReusablePool<MessageDigest> SHA_256 = new ReusablePool<>(SessionIds::sha256);

    private SessionIds() {
    }

    /** A fresh random id. */
    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Whether {@code candidate} has the shape of an id this class generates (checked
     * before any store work).
     */
    public static boolean isWellFormed(@Nullable String candidate) {
        if (candidate == null || candidate.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        // 43 characters carry 258 bits; the last one may only use the 4 low-order-free
        // values of a 256-bit id.
        return "AEIMQUYcgkosw048".indexOf(candidate.charAt(LENGTH - 1)) >= 0;
    }

    /**
     * The lowercase hex SHA-256 of {@code id}: what server-side stores use as the key.
     */
    public static String hash(String id) {
        MessageDigest sha256 = SHA_256.take();
        byte[] digest;
        try {
            digest = sha256.digest(id.getBytes(StandardCharsets.US_ASCII));
        }
        finally {
            SHA_256.give(sha256);
        }
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

}
