package dev.sessionmap.store.cookie;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

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

    @ParameterizedTest
    @ValueSource(strings = { "0123456789012345678901234567890123456789012345678901234567890123456789",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/",
            "correct horse battery staple correct horse battery staple",
            "zyxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPONMLKJIHGFEDCBA9876543210" })
    void repetitiveSecretsThatTheEntropyEstimatePassesAreRefused(String secret) {
        String weakness = SecureCookieKeys.weakness(secret);
        assertThat(weakness).isNotNull().contains("not random");
        assertThat(weakness).doesNotContain(secret).doesNotContain(secret.substring(0, 8));
    }

    @Test
    void repeatedTextAnywhereIsRefused() {
        String random = TestSecrets.random();
        assertThat(SecureCookieKeys.weakness(random + random.substring(10, 18))).contains("repeats");
    }

    @Test
    void aRunOfEightSameOrCountingCharactersAnywhereIsRefused() {
        for (String run : List.of("aaaaaaaa", "abcdefgh", "01234567", "98765432")) {
            // Fenced by a character random secrets never hold, so that no neighbour
            // lengthens the run into a repeat.
            String secret = TestSecrets.random().substring(0, 20) + "!" + run + "!" + TestSecrets.random();
            assertThat(SecureCookieKeys.weakness(secret)).as(run).contains("in a row");
        }
    }

    @Test
    void aThousandFreshRandomBase64AndHexSecretsPass() {
        // A fixed seed: a random hex secret is refused about once in 1.5 million (an
        // 8-character repeat or run),
        // so 1000 fresh ones would fail this test once in some 1500 runs. The sample is
        // the same every run.
        Random random = new Random(20261130);
        byte[] bytes = new byte[32];
        for (int i = 0; i < 1000; i++) {
            random.nextBytes(bytes);
            String base64 = Base64.getEncoder().encodeToString(bytes);
            String hex = HexFormat.of().formatHex(bytes);
            // These test secrets are never used elsewhere, so a failure may name them.
            assertThat(SecureCookieKeys.weakness(base64)).as(base64).isNull();
            assertThat(SecureCookieKeys.weakness(hex)).as(hex).isNull();
        }
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

    /**
     * The entropy estimate counts 4 bits per character of a hex secret, 6 of base64, 6.5
     * of anything else: each alphabet's edge characters (0 9 a f A F; A Z a z 0 9 + / -
     * _) keep a secret in its alphabet, so one character short of 256 bits is refused.
     */
    @Test
    void theEntropyEstimateKnowsEachAlphabetToItsEdges() {
        String hex = "09afAF" + randomOver("0123456789abcdefABCDEF", 58);
        assertThat(SecureCookieKeys.weakness(hex)).as("64 hex characters: 256 bits").isNull();
        assertThat(SecureCookieKeys.weakness(hex.substring(1)))
            .isEqualTo("it has 63 characters, about 252 bits at most, and needs 256 (32 random bytes)");

        String base64 = "AZaz09+/-_g"
                + randomOver("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 32);
        assertThat(SecureCookieKeys.weakness(base64)).as("43 base64 characters: 258 bits").isNull();
        assertThat(SecureCookieKeys.weakness(base64.substring(1) + "==")).as("padding counts for nothing")
            .isEqualTo("it has 44 characters, about 252 bits at most, and needs 256 (32 random bytes)");

        String other = "!~" + randomOver("!#%&*;<>?@^~|", 38);
        assertThat(SecureCookieKeys.weakness(other)).as("40 other characters: 260 bits").isNull();
        assertThat(SecureCookieKeys.weakness(other.substring(1)))
            .isEqualTo("it has 39 characters, about 254 bits at most, and needs 256 (32 random bytes)");
    }

    @Test
    void tenDifferentCharactersAreEnoughAndNineAreNot() {
        String ten = randomOver("!#%&*;<>?@", 60);
        assertThat(ten.chars().distinct().count()).isEqualTo(10);
        assertThat(SecureCookieKeys.weakness(ten)).isNull();
        String nine = ten.replace('@', '!');
        assertThat(SecureCookieKeys.weakness(nine))
            .isEqualTo("it uses only 9 different characters, so it is not random");
    }

    @Test
    void theReasonsSayWhatIsWrong() {
        assertThat(SecureCookieKeys.weakness(null)).isEqualTo("it is empty");
        String random = TestSecrets.random();
        assertThat(SecureCookieKeys.weakness(random + random.substring(10, 18)))
            .isEqualTo("it repeats a sequence of 8 characters, so it is not random");
        assertThat(SecureCookieKeys.weakness(random + "!98765432")).isEqualTo(
                "it has 8 characters in a row that are the same or count up or down by one, so it is not random");
        assertThat(SecureCookieKeys.weakness(random + "!97531864")).as("counting by two is no run").isNull();
    }

    /**
     * {@code length} characters drawn from {@code alphabet}, the same every run, with
     * every character of it present.
     */
    private static String randomOver(String alphabet, int length) {
        Random random = new Random(alphabet.hashCode());
        StringBuilder text = new StringBuilder(alphabet);
        while (text.length() < length) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        List<Character> chars = new java.util.ArrayList<>(text.chars().mapToObj((c) -> (char) c).toList());
        java.util.Collections.shuffle(chars, random);
        StringBuilder shuffled = new StringBuilder();
        chars.stream().limit(length).forEach(shuffled::append);
        return shuffled.toString();
    }

}
