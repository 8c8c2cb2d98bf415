package dev.sessionmap.store.cookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The key ring of the secure-cookie store: the AES-256 key that seals new cookies, derived from the
 * current secret, and the keys of previous secrets, which still open cookies during a rotation.
 * Each key is HKDF-SHA256 of the secret's UTF-8 bytes (surrounding whitespace removed) with the
 * purpose label {@value #PURPOSE}, so the same secret used elsewhere yields unrelated keys.
 *
 * <pre>{@code
 * SecureCookieKeys keys = SecureCookieKeys.of(System.getenv("APP_SESSION_SECRET"), List.of());
 * }</pre>
 */
public final class SecureCookieKeys {

    /** The HKDF info: what the derived key is for. */
    public static final String PURPOSE = "sessionmap secure-cookie v1 AES-256-GCM";

    /** The entropy a secret must have at least, estimated from its length and alphabet. */
    public static final int MIN_SECRET_BITS = 256;

    /** How many different characters a secret must use at least, against "aaaa…" and short repeats. */
    static final int MIN_DISTINCT_CHARACTERS = 10;

    private static final int KEY_BYTES = 32;

    private final List<SecretKey> keys;

    private SecureCookieKeys(List<SecretKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * The ring for {@code secret}, which seals, and {@code previousSecrets}, which only open; a
     * previous secret equal to the current one or to an earlier one is skipped.
     * @throws IllegalArgumentException if any secret is too weak (see {@link #weakness(String)});
     * the message never contains a secret
     */
    public static SecureCookieKeys of(String secret, List<String> previousSecrets) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(previousSecrets, "previousSecrets");
        List<byte[]> material = new ArrayList<>();
        check("The secret", secret);
        material.add(bytes(secret));
        for (int i = 0; i < previousSecrets.size(); i++) {
            String previous = previousSecrets.get(i);
            check("Previous secret [" + i + "]", previous);
            byte[] candidate = bytes(previous);
            if (material.stream().noneMatch((known) -> MessageDigest.isEqual(known, candidate))) {
                material.add(candidate);
            }
        }
        List<SecretKey> keys = new ArrayList<>();
        byte[] info = PURPOSE.getBytes(StandardCharsets.US_ASCII);
        for (byte[] ikm : material) {
            byte[] key = Hkdf.sha256(new byte[0], ikm, info, KEY_BYTES);
            keys.add(new SecretKeySpec(key, "AES"));
            Arrays.fill(key, (byte) 0);
            Arrays.fill(ikm, (byte) 0);
        }
        return new SecureCookieKeys(keys);
    }

    /**
     * Why {@code secret} is too weak, or {@code null} when it is strong enough. The check estimates
     * entropy from the length and the alphabet (4 bits per character of a hex string, 6 of base64, 6.5
     * of anything else) and wants {@value #MIN_SECRET_BITS} bits and {@value #MIN_DISTINCT_CHARACTERS}
     * different characters: 32 random bytes as base64 ({@code openssl rand -base64 32}) or hex
     * ({@code openssl rand -hex 32}) pass. It catches short and repetitive secrets; it cannot tell a
     * random secret from a long sentence. The reason never quotes the secret.
     */
    public static @Nullable String weakness(@Nullable String secret) {
        String value = (secret != null) ? secret.strip() : "";
        if (value.isEmpty()) {
            return "it is empty";
        }
        String symbols = value.replaceAll("=+$", "");
        double bitsPerCharacter = symbols.chars().allMatch(SecureCookieKeys::isHex) ? 4
                : symbols.chars().allMatch(SecureCookieKeys::isBase64) ? 6 : 6.5;
        long bits = Math.round(symbols.length() * bitsPerCharacter);
        if (bits < MIN_SECRET_BITS) {
            return "it has " + value.length() + " characters, about " + bits + " bits at most, and needs "
                    + MIN_SECRET_BITS + " (32 random bytes)";
        }
        long distinct = value.chars().distinct().count();
        if (distinct < MIN_DISTINCT_CHARACTERS) {
            return "it uses only " + distinct + " different characters, so it is not random";
        }
        return null;
    }

    /** The key new cookies are sealed with. */
    SecretKey current() {
        return this.keys.get(0);
    }

    /** Every key that opens a cookie: the current one first, then the previous ones in the order given. */
    List<SecretKey> all() {
        return this.keys;
    }

    @Override
    public String toString() {
        return "SecureCookieKeys[1 current, " + (this.keys.size() - 1) + " previous]";
    }

    private static void check(String which, @Nullable String secret) {
        String weakness = weakness(secret);
        if (weakness != null) {
            throw new IllegalArgumentException(which + " is too weak: " + weakness
                    + "; generate one with: openssl rand -base64 32");
        }
    }

    private static byte[] bytes(String secret) {
        return secret.strip().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isBase64(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '-' || c == '_';
    }
}
