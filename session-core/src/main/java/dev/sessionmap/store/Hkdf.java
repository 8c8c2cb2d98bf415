package dev.sessionmap.store;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), built on the JDK's {@link Mac}: Java 17 has no HKDF
 * of its own. Shared by the secure cookie's keys and the keys of encryption at rest.
 */
public final class Hkdf {

    private static final String HMAC = "HmacSHA256";

    private static final int HASH_BYTES = 32;

    private Hkdf() {
    }

    /**
     * {@code length} bytes of key material from {@code ikm}; an empty {@code salt} means
     * the RFC's default of {@code HashLen} zero bytes, and {@code info} separates the
     * keys of different purposes.
     */
    public static byte[] sha256(byte[] salt, byte[] ikm, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF-SHA256 yields 1 to " + (255 * HASH_BYTES) + " bytes");
        }
        byte[] prk = null;
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec((salt.length > 0) ? salt : new byte[HASH_BYTES], HMAC));
            prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, HMAC));
            byte[] okm = new byte[length];
            byte[] block = new byte[0];
            for (int offset = 0, counter = 1; offset < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - offset);
                System.arraycopy(block, 0, okm, offset, n);
                offset += n;
            }
            Arrays.fill(block, (byte) 0);
            return okm;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
        }
        finally {
            if (prk != null) {
                Arrays.fill(prk, (byte) 0);
            }
        }
    }

}
