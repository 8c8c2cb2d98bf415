package dev.sessionmap.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionmap.core.ReusablePool;

/**
 * Encrypts a session's stored data at rest: the JSON a server-side store writes is sealed
 * with AES-256-GCM before it leaves the application, bound to the session it belongs to.
 * The construction is the secure cookie's (a version byte, a 96-bit nonce, the ciphertext
 * and a 128-bit tag; keys derived with HKDF-SHA256 from {@code app.session.secret},
 * previous secrets still opening), with its own HKDF label, so a sealed cookie and a
 * sealed row are never interchangeable. A stored value is <pre>
 * "~" base64url(version (1 byte, {@value #VERSION}) | nonce (12 bytes) | ciphertext | tag (16 bytes))
 * </pre> and JSON never starts with {@code ~}, so plain rows of before the option stay
 * readable next to sealed ones. The associated data is the version, the SHA-256 of the
 * session id (the stores' key) and the field (empty for a whole row), so a value moved to
 * another session or field does not open.
 *
 * <p>
 * The nonce is synthetic: the first 12 bytes of HMAC-SHA256, under a second derived key,
 * of the associated data and the plaintext. Sealing the same value of the same field of
 * the same session twice therefore yields the same text, which Redis needs to check in a
 * script that a value is still the one a request read; distinct values get distinct
 * nonces as surely as random ones.
 *
 * <p>
 * Thread-safe.
 */
public final class AtRestSealer {

    /** The format version, the first byte of every sealed value. */
    public static final byte VERSION = 1;

    /** What every sealed value starts with, and no JSON does. */
    public static final char MARK = '~';

    /** The HKDF info of the encryption key. */
    public static final String PURPOSE = "sessionmap at-rest v1 AES-256-GCM";

    /** The HKDF info of the key that derives nonces. */
    static final String NONCE_PURPOSE = "sessionmap at-rest v1 synthetic nonce";

    static final int NONCE_BYTES = 12;

    static final int TAG_BYTES = 16;

    private static final int HEADER_BYTES = 1 + NONCE_BYTES;

    private static final String HMAC = "HmacSHA256";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final Logger logger = LoggerFactory.getLogger(AtRestSealer.class);

    /** Ciphers shared by all threads (see {@link ReusablePool}: not one per thread). */
    private static final ReusablePool<Cipher> CIPHERS = new ReusablePool<>(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-256-GCM is not available on this Java runtime", ex);
        }
    });

    private final List<Keys> keys;

    private final boolean sealsWrites;

    private final ReusablePool<Mac> nonces;

    private AtRestSealer(List<Keys> keys, boolean sealsWrites) {
        this.keys = List.copyOf(keys);
        this.sealsWrites = sealsWrites && !keys.isEmpty();
        this.nonces = new ReusablePool<>(() -> mac(this.keys.get(0).nonce()));
    }

    /** Writes plain JSON and opens no sealed value (the store without a secret). */
    public static AtRestSealer plain() {
        return new AtRestSealer(List.of(), false);
    }

    /**
     * Keys from {@code secret}, which seals, and {@code previousSecrets}, which only open
     * (repeats are skipped); secrets are used without surrounding whitespace, as the
     * secure cookie uses them. Their strength is the caller's to check.
     * @param sealsWrites whether writes are sealed; when {@code false}, writes are plain
     * and sealed values still open
     */
    public static AtRestSealer of(String secret, List<String> previousSecrets, boolean sealsWrites) {
        Objects.requireNonNull(secret, "secret");
        List<byte[]> material = new ArrayList<>();
        material.add(bytes(secret));
        for (String previous : previousSecrets) {
            byte[] candidate = bytes(previous);
            if (material.stream().noneMatch((known) -> MessageDigest.isEqual(known, candidate))) {
                material.add(candidate);
            }
        }
        List<Keys> keys = new ArrayList<>();
        for (byte[] ikm : material) {
            keys.add(new Keys(derive(ikm, PURPOSE), derive(ikm, NONCE_PURPOSE)));
            Arrays.fill(ikm, (byte) 0);
        }
        return new AtRestSealer(keys, sealsWrites);
    }

    /** Whether writes are sealed. */
    public boolean sealsWrites() {
        return this.sealsWrites;
    }

    /** Whether {@code stored} is a sealed value rather than plain JSON. */
    public static boolean isSealed(String stored) {
        return !stored.isEmpty() && stored.charAt(0) == MARK;
    }

    /**
     * {@code json} as stored: sealed for the session whose id hashes to {@code idHash}
     * and its {@code field} ({@code ""} for a whole row) when writes are sealed, else as
     * it is.
     */
    public String seal(String json, String idHash, String field) {
        if (!this.sealsWrites) {
            return json;
        }
        byte[] plaintext = json.getBytes(StandardCharsets.UTF_8);
        byte[] associatedData = associatedData(idHash, field);
        Mac mac = this.nonces.take();
        byte[] nonce;
        try {
            mac.update(associatedData);
            nonce = Arrays.copyOf(mac.doFinal(plaintext), NONCE_BYTES);
        }
        finally {
            this.nonces.give(mac);
        }
        byte[] sealed = new byte[HEADER_BYTES + plaintext.length + TAG_BYTES];
        sealed[0] = VERSION;
        System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BYTES * 8, nonce);
        Cipher cipher = CIPHERS.take();
        try {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(0).cipher(), spec);
            }
            catch (InvalidAlgorithmParameterException ex) {
                // The JDK refuses a cipher the key and nonce it last encrypted with. Here
                // that means the same value sealed again, to the same text, which reveals
                // nothing: a fresh cipher does it.
                cipher = Cipher.getInstance(TRANSFORMATION);
                cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(0).cipher(), spec);
            }
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, HEADER_BYTES);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-256-GCM is not available on this Java runtime", ex);
        }
        finally {
            CIPHERS.give(cipher);
        }
        return MARK + ENCODER.encodeToString(sealed);
    }

    /**
     * The JSON of a stored value: plain JSON as it is, a sealed value opened with any key
     * of the ring for this session and field. {@code null}, with one warning logged, for
     * a sealed value that does not open: changed, moved from another session or field, or
     * sealed under a secret no longer configured. Never throws.
     */
    public @Nullable String open(String stored, String idHash, String field) {
        Opened opened = read(stored, idHash, field);
        return (opened != null) ? opened.json() : null;
    }

    /**
     * As {@link #open}, also saying whether the value is outdated: not in the form a
     * write makes now (plain while writes are sealed, sealed with a previous secret, or
     * sealed while writes are plain), so the store should write it again.
     */
    public @Nullable Opened read(String stored, String idHash, String field) {
        if (!isSealed(stored)) {
            return new Opened(stored, this.sealsWrites);
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(stored.substring(1));
        }
        catch (IllegalArgumentException ex) {
            return rejected("it is not base64");
        }
        if (bytes.length < HEADER_BYTES + TAG_BYTES || bytes[0] != VERSION) {
            return rejected("its length or format version is impossible");
        }
        if (this.keys.isEmpty()) {
            return rejected("it is sealed and no app.session.secret is configured");
        }
        byte[] associatedData = associatedData(idHash, field);
        GCMParameterSpec nonce = new GCMParameterSpec(TAG_BYTES * 8, bytes, 1, NONCE_BYTES);
        for (int i = 0; i < this.keys.size(); i++) {
            Cipher cipher = CIPHERS.take();
            try {
                cipher.init(Cipher.DECRYPT_MODE, this.keys.get(i).cipher(), nonce);
                cipher.updateAAD(associatedData);
                byte[] plaintext = cipher.doFinal(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
                return new Opened(new String(plaintext, StandardCharsets.UTF_8), !this.sealsWrites || i > 0);
            }
            catch (AEADBadTagException ex) {
                // Another key, or not authentic: try the next.
            }
            catch (GeneralSecurityException ex) {
                return rejected("it could not be decrypted (" + ex.getClass().getSimpleName() + ")");
            }
            finally {
                CIPHERS.give(cipher);
            }
        }
        return rejected("it was changed, belongs to another session, or was sealed with a secret not configured");
    }

    private static @Nullable Opened rejected(String reason) {
        logger.warn("Stored session data ignored, the session is treated as absent: {}", reason);
        return null;
    }

    private static byte[] associatedData(String idHash, String field) {
        byte[] hash = idHash.getBytes(StandardCharsets.US_ASCII);
        byte[] name = field.getBytes(StandardCharsets.UTF_8);
        // Both parts carry their length, so these bytes end where the plaintext begins in
        // the nonce's MAC: field "a" with 11 and field "a1" with 1 must not share a
        // nonce,
        // which under GCM would reveal both values and the authentication key.
        return ByteBuffer.allocate(6 + hash.length + name.length)
            .put(VERSION)
            .put((byte) hash.length)
            .put(hash)
            .putInt(name.length)
            .put(name)
            .array();
    }

    /** HKDF-SHA256 (RFC 5869) of 32 bytes with the default salt: extract, one expand. */
    static byte[] derive(byte[] ikm, String purpose) {
        return Hkdf.sha256(new byte[0], ikm, purpose.getBytes(StandardCharsets.US_ASCII), 32);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
        }
    }

    private static byte[] bytes(String secret) {
        return secret.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** A stored value opened: its JSON, and whether a write now changes its form. */
    public record Opened(String json, boolean outdated) {
    }

    private record Keys(SecretKeySpec cipher, byte[] nonce) {

        Keys(byte[] cipher, byte[] nonce) {
            this(new SecretKeySpec(cipher, "AES"), nonce);
            Arrays.fill(cipher, (byte) 0);
        }

    }

}
