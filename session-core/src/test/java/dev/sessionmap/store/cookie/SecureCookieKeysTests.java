package dev.sessionmap.store.cookie;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecureCookieKeysTests {

    @Test
    void secretsFromOpensslRandPass() {
        assertThat(SecureCookieKeys.weakness(TestSecrets.random())).isNull();
        assertThat(SecureCookieKeys.weakness(" " + TestSecrets.random() + "\n")).as("surrounding whitespace").isNull();
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        assertThat(SecureCookieKeys.weakness(HexFormat.of().formatHex(bytes))).as("openssl rand -hex 32").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "changeme", "my-super-secret-password-for-app",
            "0123456789abcdef0123456789abcdef", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "abcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefgh" })
    void weakSecretsAreRefusedWithAReasonThatDoesNotQuoteThem(String secret) {
        String weakness = SecureCookieKeys.weakness(secret);
        assertThat(weakness).isNotNull();
        if (!secret.isBlank()) {
            assertThat(weakness).doesNotContain(secret);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> SecureCookieKeys.of(secret, List.of()))
            .withMessageContaining("openssl rand -base64 32")
            .satisfies((ex) -> assertThat(secret.isBlank() || !ex.getMessage().contains(secret)).isTrue());
    }

    @Test
    void aWeakPreviousSecretIsRefusedToo() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> SecureCookieKeys.of(TestSecrets.random(), List.of(TestSecrets.random(), "short")))
            .withMessageContaining("Previous secret [1]");
    }

    @Test
    void keysAreDerivedNotTheSecretItselfAndDuplicatesAreSkipped() {
        String secret = TestSecrets.random();
        SecureCookieKeys keys = SecureCookieKeys.of(secret, List.of(secret, " " + secret));
        assertThat(keys.all()).hasSize(1);
        assertThat(keys.current().getAlgorithm()).isEqualTo("AES");
        assertThat(keys.current().getEncoded()).hasSize(32)
            .isNotEqualTo(java.util.Arrays.copyOf(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), 32));
        assertThat(SecureCookieKeys.of(secret, List.of()).current().getEncoded()).as("deterministic")
            .isEqualTo(keys.current().getEncoded());
        assertThat(keys.toString()).doesNotContain(secret);
    }
}
