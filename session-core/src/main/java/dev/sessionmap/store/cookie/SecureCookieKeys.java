package dev.sessionmap.store.cookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.store.Hkdf;

/**
 * The key ring of the secure-cookie store: the AES-256 key that seals new cookies,
 * derived from the current secret, and the keys of previous secrets, which still open
 * cookies during a rotation. Each key is HKDF-SHA256 of the secret's UTF-8 bytes
 * (surrounding whitespace removed) with the purpose label {@value #PURPOSE}, so the same
 * secret used elsewhere yields unrelated keys.
 *
 * <pre>{@code
 * SecureCookieKeys keys = SecureCookieKeys.of(System.getenv("APP_SESSION_SECRET"), List.of());
 * }</pre>
 */
public final class SecureCookieKeys {

    /** The HKDF info: what the derived key is for. */
    public static final String PURPOSE = "sessionmap secure-cookie v1 AES-256-GCM";

    /**
     * The entropy a secret must have at least, estimated from its length and alphabet.
     */
    public static final int MIN_SECRET_BITS = 256;

    /**
     * How many different characters a secret must use at least, against a long string of
     * binary digits.
     */
    static final int MIN_DISTINCT_CHARACTERS = 10;

    /**
     * How many characters in a row make a repeat or a run that refuses a secret: long
     * enough that a random hex secret rarely has one by chance, short enough to catch
     * "abcdefgh" and "password" twice.
     */
    static final int PATTERN_LENGTH = 8;

    private static final int KEY_BYTES = 32;

    private final List<SecretKey> keys;

    private SecureCookieKeys(List<SecretKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * The ring for {@code secret}, which seals, and {@code previousSecrets}, which only
     * open; a previous secret equal to the current one or to an earlier one is skipped.
     * @throws IllegalArgumentException if any secret is too weak (see
     * {@link #weakness(String)}); the message never contains a secret
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
     * Why {@code secret} is too weak, or {@code null} when it is strong enough. A secret
     * (surrounding whitespace removed) is refused when
     * <ul>
     * <li>its entropy, estimated from the length and the alphabet (4 bits per character
     * of a hex string, 6 of base64, 6.5 of anything else), is under
     * {@value #MIN_SECRET_BITS} bits;</li>
     * <li>it uses fewer than {@value #MIN_DISTINCT_CHARACTERS} different characters;</li>
     * <li>the same {@value #PATTERN_LENGTH} characters in a row occur at two places in it
     * (which may overlap), as in a repeated phrase or a pattern repeated long
     * enough;</li>
     * <li>it has {@value #PATTERN_LENGTH} characters in a row that are all the same or
     * whose code points each go up or each go down by one ({@code aaaaaaaa},
     * {@code abcdefgh}, {@code 98765432}).</li>
     * </ul>
     * 32 random bytes as base64 ({@code openssl rand -base64 32}) or hex
     * ({@code openssl rand -hex 32}) pass; by chance the last two rules refuse about 2 in
     * 10<sup>11</sup> of the base64 ones and 7 in 10<sup>7</sup> of the hex ones. The
     * check cannot tell a random secret from a long sentence. The reason never quotes the
     * secret.
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
        int[] codePoints = value.codePoints().toArray();
        if (repeatsAPattern(codePoints)) {
            return "it repeats a sequence of " + PATTERN_LENGTH + " characters, so it is not random";
        }
        if (hasARun(codePoints)) {
            return "it has " + PATTERN_LENGTH + " characters in a row that are the same or count up or down by one,"
                    + " so it is not random";
        }
        return null;
    }

    /** The key new cookies are sealed with. */
    SecretKey current() {
        return this.keys.get(0);
    }

    /**
     * Every key that opens a cookie: the current one first, then the previous ones in the
     * order given.
     */
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
            throw new IllegalArgumentException(
                    which + " is too weak: " + weakness + "; generate one with: openssl rand -base64 32");
        }
    }

    private static boolean repeatsAPattern(int[] codePoints) {
        Set<String> seen = new HashSet<>();
        for (int start = 0; start + PATTERN_LENGTH <= codePoints.length; start++) {
            if (!seen.add(new String(codePoints, start, PATTERN_LENGTH))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasARun(int[] codePoints) {
        int runLength = 1;
        int runStep = 0;
        for (int i = 1; i < codePoints.length; i++) {
            int step = codePoints[i] - codePoints[i - 1];
            if (Math.abs(step) > 1) {
                runLength = 1;
            }
            else if (runLength > 1 && step == runStep) {
                runLength++;
            }
            else {
                runLength = 2;
                runStep = step;
            }
            if (runLength >= PATTERN_LENGTH) {
                return true;
            }
        }
        return false;
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
