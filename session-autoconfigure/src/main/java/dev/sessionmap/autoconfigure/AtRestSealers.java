package dev.sessionmap.autoconfigure;

import java.util.List;

import dev.sessionmap.store.AtRestSealer;
import dev.sessionmap.store.cookie.SecureCookieKeys;

/**
 * The {@link AtRestSealer} of the server-side stores, from {@code app.session.*}: sealing
 * writes when {@code encrypt-at-rest} is on, which then requires a strong secret; opening
 * sealed data whenever a strong secret is set, so that the option can be turned off again
 * without losing sessions.
 */
final class AtRestSealers {

    private AtRestSealers() {
    }

    static AtRestSealer of(SessionProperties properties) {
        String secret = properties.getSecret();
        List<String> previous = properties.getPreviousSecrets();
        if (!properties.isEncryptAtRest()) {
            if (secret == null || SecureCookieKeys.weakness(secret) != null
                    || previous.stream().anyMatch((candidate) -> SecureCookieKeys.weakness(candidate) != null)) {
                return AtRestSealer.plain();
            }
            return AtRestSealer.of(secret, previous, false);
        }
        if (secret == null || secret.isBlank()) {
            throw new AtRestEncryptionException("app.session.secret", "it is not set");
        }
        check("app.session.secret", secret);
        for (int i = 0; i < previous.size(); i++) {
            check("app.session.previous-secrets[" + i + "]", previous.get(i));
        }
        return AtRestSealer.of(secret, previous, true);
    }

    private static void check(String property, String secret) {
        String weakness = SecureCookieKeys.weakness(secret);
        if (weakness != null) {
            throw new AtRestEncryptionException(property, "it is too weak: " + weakness);
        }
    }

}
