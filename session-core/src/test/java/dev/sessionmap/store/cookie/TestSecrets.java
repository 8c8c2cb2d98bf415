package dev.sessionmap.store.cookie;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh secrets for tests, as {@code openssl rand -base64 32} makes them: none is ever
 * committed.
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
