package dev.sessionmap.store.cookie;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.ReusablePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals bytes into a cookie value and opens them again: AES-256-GCM through
 * {@code javax.crypto}, a fresh random 96-bit nonce per seal, and the version byte and
 * the cookie's name as associated data, so a value moved to another cookie does not open.
 * The value is URL-safe base64 without padding of <pre>
 * version (1 byte, {@value #VERSION}) | nonce (12 bytes) | ciphertext | GCM tag (16 bytes)
 * </pre>
 *
 * <pre>{@code
 * SecureCookieCodec codec = new SecureCookieCodec(keys, "sessionid");
 * String value = codec.seal(json);
 * SecureCookieCodec.Opened opened = codec.open(value); // null unless authentic
 * }</pre>
 *
 * <p>
 * Thread-safe.
 */
public final class SecureCookieCodec {

    /** The format version, the first byte of every sealed value. */
    public static final byte VERSION = 1;

    static final int NONCE_BYTES = 12;

    static final int TAG_BYTES = 16;

    static final int HEADER_BYTES = 1 + NONCE_BYTES;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final Logger logger = LoggerFactory.getLogger(SecureCookieCodec.class);

    /**
     * Ciphers shared by all threads, initialised afresh (with a new nonce) for every seal
     * and open. Reusing one keeps what {@code Cipher.getInstance} builds, a provider
     * lookup and the mode's buffers, off every request. A pool rather than one per
     * thread: under virtual threads a thread lives for one request.
     */
    private static final ReusablePool<Cipher> CIPHERS = new ReusablePool<>(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-256-GCM is not available on this Java runtime", ex);
        }
    });

    private final SecureCookieKeys keys;

    private final String cookieName;

    private final byte[] associatedData;

    /**
     * @param keys the current key, which seals, and the previous ones, which only open
     * @param cookieName the name of the cookie the values travel in, bound into every
     * seal
     */
    public SecureCookieCodec(SecureCookieKeys keys, String cookieName) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
        byte[] name = cookieName.getBytes(StandardCharsets.UTF_8);
        this.associatedData = new byte[1 + name.length];
        this.associatedData[0] = VERSION;
        System.arraycopy(name, 0, this.associatedData, 1, name.length);
    }

    /** The name of the cookie this codec seals for. */
    public String cookieName() {
        return this.cookieName;
    }

    /**
     * The length in characters of the value {@link #seal} makes of
     * {@code plaintextLength} bytes.
     */
    public static int sealedLength(int plaintextLength) {
        long bytes = (long) HEADER_BYTES + plaintextLength + TAG_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, (bytes * 4 + 2) / 3);
    }

    /** {@code plaintext} sealed with the current key under a fresh random nonce. */
    public String seal(byte[] plaintext) {
        byte[] sealed = new byte[HEADER_BYTES + plaintext.length + TAG_BYTES];
        sealed[0] = VERSION;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
        Cipher cipher = CIPHERS.take();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, this.keys.current(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(this.associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, HEADER_BYTES);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-256-GCM is not available on this Java runtime", ex);
        }
        finally {
            CIPHERS.give(cipher);
        }
        return ENCODER.encodeToString(sealed);
    }

    /**
     * The plaintext of a value {@link #seal} made with any key of the ring for this
     * cookie name, or {@code null} for anything else: not base64, too short or too long,
     * another version, another key or cookie name, changed in any bit. Never throws; the
     * reason is logged at debug level only.
     */
    public @Nullable Opened open(@Nullable String sealed) {
        byte[] bytes = decode(sealed);
        if (bytes == null) {
            return null;
        }
        GCMParameterSpec nonce = new GCMParameterSpec(TAG_BYTES * 8, bytes, 1, NONCE_BYTES);
        int index = 0;
        for (SecretKey key : this.keys.all()) {
            byte[] plaintext = decrypt(key, nonce, bytes);
            if (plaintext != null) {
                return new Opened(plaintext, index > 0);
            }
            index++;
        }
        return rejected("it was not sealed by a known key for this cookie, or it was changed");
    }

    /**
     * Whether {@code sealed} has the form of a value {@link #seal} makes: a possible
     * length, canonical unpadded URL-safe base64, and this format's version. Whether it
     * opens is not checked: one that has the form and does not open was altered or sealed
     * with another key.
     */
    public static boolean isWellFormed(@Nullable String sealed) {
        return decode(sealed) != null;
    }

    private static byte @Nullable [] decode(@Nullable String sealed) {
        if (sealed == null || sealed.length() < sealedLength(0) || sealed.length() > CookieUpdate.MAX_COOKIE_BYTES) {
            return malformed("its length is impossible");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(sealed);
        }
        catch (IllegalArgumentException ex) {
            return malformed("it is not URL-safe base64");
        }
        if (!isCanonical(sealed)) {
            return malformed("it is not canonical unpadded base64");
        }
        if (bytes[0] != VERSION) {
            return malformed("its format version is unknown");
        }
        return bytes;
    }

    /**
     * Whether a value the decoder accepted is the one spelling {@link #seal} makes of its
     * bytes: the decoder also accepts padding and ignores the unused low bits of the last
     * character. Checked on the characters, not by encoding the bytes again, since every
     * request with a session pays for it.
     */
    private static boolean isCanonical(String sealed) {
        if (sealed.indexOf('=') >= 0) {
            return false;
        }
        int unusedBits = switch (sealed.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        return (sextet(sealed.charAt(sealed.length() - 1)) & ((1 << unusedBits) - 1)) == 0;
    }

    /**
     * The 6-bit value of a character of the URL-safe alphabet, which the decoder has
     * already checked.
     */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return (c == '-') ? 62 : 63;
    }

    private byte @Nullable [] decrypt(SecretKey key, GCMParameterSpec nonce, byte[] sealed) {
        Cipher cipher = CIPHERS.take();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nonce);
            cipher.updateAAD(this.associatedData);
            return cipher.doFinal(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES);
        }
        catch (AEADBadTagException ex) {
            return null;
        }
        catch (GeneralSecurityException ex) {
            logger.debug("Session cookie could not be decrypted", ex);
            return null;
        }
        finally {
            CIPHERS.give(cipher);
        }
    }

    private static @Nullable Opened rejected(String reason) {
        logger.debug("Session cookie ignored: {}", reason);
        return null;
    }

    private static byte @Nullable [] malformed(String reason) {
        logger.debug("Session cookie ignored: {}", reason);
        return null;
    }

    @Override
    public String toString() {
        return "SecureCookieCodec[cookie=" + this.cookieName + ", " + this.keys + "]";
    }

    /**
     * An opened value.
     *
     * @param plaintext the bytes that were sealed
     * @param previousKey whether a previous key opened it, so it should be sealed again
     * with the current one
     */
    public record Opened(byte[] plaintext, boolean previousKey) {
    }

}
