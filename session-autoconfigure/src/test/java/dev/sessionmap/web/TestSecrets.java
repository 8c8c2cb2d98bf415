package dev.sessionmap.web;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets for the secure-cookie store in tests: 32 random bytes in base64, as `openssl
 * rand -base64 32` makes them.
 */
public final class TestSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecrets() {
    }

    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

}
