package dev.sessionmap.store.cookie;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.sessionmap.core.CookieUpdate;

import static org.assertj.core.api.Assertions.assertThat;

/** The seal: what opens, and everything that must not. */
class SecureCookieCodecTests {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final String secret = TestSecrets.random();

    private final SecureCookieCodec codec = new SecureCookieCodec(SecureCookieKeys.of(this.secret, List.of()),
            "sessionid");

    private final byte[] sample = "{\"count\":42,\"cart\":[\"apple\",\"pear\"]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatIsSealedOpensWithTheCurrentKey() {
        String sealed = this.codec.seal(this.sample);
        SecureCookieCodec.Opened opened = this.codec.open(sealed);
        assertThat(opened).isNotNull();
        assertThat(opened.plaintext()).isEqualTo(this.sample);
        assertThat(opened.previousKey()).isFalse();
        assertThat(sealed).hasSize(SecureCookieCodec.sealedLength(this.sample.length)).matches("[A-Za-z0-9_-]+");
        assertThat(DECODER.decode(sealed)[0]).isEqualTo(SecureCookieCodec.VERSION);
        assertThat(this.codec.open(this.codec.seal(new byte[0])).plaintext()).isEmpty();
    }

    @Test
    void everyBitOfEveryBytePositionFlippedIsRejected() {
        byte[] bytes = DECODER.decode(this.codec.seal(this.sample));
        int tried = 0;
        for (int position = 0; position < bytes.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = bytes.clone();
                changed[position] ^= (byte) (1 << bit);
                assertThat(this.codec.open(ENCODER.encodeToString(changed))).as("byte %d bit %d", position, bit)
                    .isNull();
                tried++;
            }
        }
        assertThat(tried)
            .isEqualTo(8 * (SecureCookieCodec.HEADER_BYTES + this.sample.length + SecureCookieCodec.TAG_BYTES));
    }

    @Test
    void everyCharacterReplacedIsRejected() {
        String sealed = this.codec.seal(this.sample);
        for (int position = 0; position < sealed.length(); position++) {
            for (char replacement : ALPHABET.toCharArray()) {
                if (replacement != sealed.charAt(position)) {
                    String changed = sealed.substring(0, position) + replacement + sealed.substring(position + 1);
                    assertThat(this.codec.open(changed)).as("character %d as %s", position, replacement).isNull();
                }
            }
        }
    }

    @Test
    void truncatedOrExtendedIsRejected() {
        String sealed = this.codec.seal(this.sample);
        for (int length = 0; length < sealed.length(); length++) {
            assertThat(this.codec.open(sealed.substring(0, length))).as("first %d characters", length).isNull();
        }
        byte[] bytes = DECODER.decode(sealed);
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] shorter = java.util.Arrays.copyOf(bytes, bytes.length - cut);
            assertThat(this.codec.open(ENCODER.encodeToString(shorter))).as("%d bytes cut", cut).isNull();
        }
        assertThat(this.codec.open(sealed + "A")).isNull();
        assertThat(this.codec.open(sealed + "AA")).isNull();
        assertThat(this.codec.open(ENCODER.encodeToString(java.util.Arrays.copyOf(bytes, bytes.length + 1)))).isNull();
    }

    @Test
    void anyOtherVersionByteIsRejected() {
        byte[] bytes = DECODER.decode(this.codec.seal(this.sample));
        for (int version = 0; version < 256; version++) {
            if (version != SecureCookieCodec.VERSION) {
                byte[] changed = bytes.clone();
                changed[0] = (byte) version;
                assertThat(this.codec.open(ENCODER.encodeToString(changed))).as("version %d", version).isNull();
            }
        }
    }

    @Test
    void malformedValuesAreRejectedWithoutAnException() {
        String sealed = this.codec.seal(this.sample);
        List<String> malformed = List.of("", "A", "AQ", "not base64!", "%00%01",
                "////////////////////////////////////////////", sealed.replace('-', '+').replace('_', '/') + "+/",
                sealed + "==", sealed.substring(0, 40) + "\u00e9", "A".repeat(CookieUpdate.MAX_COOKIE_BYTES + 1),
                "A".repeat(100 * 1024),
                ENCODER.encodeToString(new byte[SecureCookieCodec.HEADER_BYTES + SecureCookieCodec.TAG_BYTES - 1]));
        for (String value : malformed) {
            assertThat(this.codec.open(value)).as("%.60s", value).isNull();
        }
        assertThat(this.codec.open(null)).isNull();
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(400)];
            random.nextBytes(noise);
            assertThat(this.codec.open(ENCODER.encodeToString(noise))).isNull();
            assertThat(this.codec.open(new String(noise, StandardCharsets.ISO_8859_1))).isNull();
        }
    }

    @Test
    void theUnusedBitsOfTheLastCharacterMustBeZero() {
        // 13 + 11 + 16 = 40 bytes, not a multiple of 3: the last character carries 2 bits
        // and 4 unused ones.
        String sealed = this.codec.seal(new byte[11]);
        assertThat((SecureCookieCodec.HEADER_BYTES + 11 + SecureCookieCodec.TAG_BYTES) % 3).isNotZero();
        char last = sealed.charAt(sealed.length() - 1);
        String sibling = sealed.substring(0, sealed.length() - 1) + ALPHABET.charAt(ALPHABET.indexOf(last) ^ 1);
        assertThat(DECODER.decode(sibling)).as("the JDK decoder ignores those bits").isEqualTo(DECODER.decode(sealed));
        assertThat(this.codec.open(sibling)).isNull();
    }

    @Test
    void onlyTheCanonicalSpellingOpensWhateverTheLength() {
        for (int length = 10; length < 13; length++) {
            String sealed = this.codec.seal(new byte[length]);
            assertThat(this.codec.open(sealed)).as("length %d", length).isNotNull();
            String head = sealed.substring(0, sealed.length() - 1);
            int last = ALPHABET.indexOf(sealed.charAt(sealed.length() - 1));
            for (int other = 0; other < 64; other++) {
                String spelling = head + ALPHABET.charAt(other);
                boolean sameBytes = Arrays.equals(decodeOrNull(spelling), DECODER.decode(sealed));
                if (other != last && sameBytes) {
                    assertThat(this.codec.open(spelling)).as("length %d, last %s", length, spelling).isNull();
                }
            }
            assertThat(this.codec.open(sealed + "=")).isNull();
            assertThat(this.codec.open(sealed + "==")).isNull();
        }
    }

    private static byte @Nullable [] decodeOrNull(String value) {
        try {
            return DECODER.decode(value);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    @Test
    void anotherSecretDoesNotOpenIt() {
        SecureCookieCodec other = new SecureCookieCodec(SecureCookieKeys.of(TestSecrets.random(), List.of()),
                "sessionid");
        assertThat(other.open(this.codec.seal(this.sample))).isNull();
        assertThat(this.codec.open(other.seal(this.sample))).isNull();
    }

    @Test
    void theValueIsBoundToItsCookieName() {
        SecureCookieKeys keys = SecureCookieKeys.of(this.secret, List.of());
        String sealed = this.codec.seal(this.sample);
        assertThat(new SecureCookieCodec(keys, "remember-me").open(sealed)).isNull();
        assertThat(new SecureCookieCodec(keys, "sessionId").open(sealed)).isNull();
        assertThat(new SecureCookieCodec(keys, "sessionid").open(sealed)).isNotNull();
    }

    @Test
    void aPreviousSecretOpensAndSaysSoAndARemovedOneDoesNot() {
        String old = TestSecrets.random();
        String current = TestSecrets.random();
        String sealedWithOld = new SecureCookieCodec(SecureCookieKeys.of(old, List.of()), "sessionid")
            .seal(this.sample);
        SecureCookieCodec rotating = new SecureCookieCodec(
                SecureCookieKeys.of(current, List.of(TestSecrets.random(), old)), "sessionid");
        SecureCookieCodec.Opened opened = rotating.open(sealedWithOld);
        assertThat(opened).isNotNull();
        assertThat(opened.plaintext()).isEqualTo(this.sample);
        assertThat(opened.previousKey()).isTrue();
        String resealed = rotating.seal(opened.plaintext());
        SecureCookieCodec rotated = new SecureCookieCodec(SecureCookieKeys.of(current, List.of()), "sessionid");
        assertThat(rotated.open(resealed).previousKey()).isFalse();
        assertThat(rotated.open(sealedWithOld)).as("old secret removed").isNull();
    }

    @Test
    void everySealHasAFreshNonce() {
        Set<String> nonces = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String sealed = this.codec.seal(this.sample);
            values.add(sealed);
            nonces.add(ENCODER.encodeToString(java.util.Arrays.copyOfRange(DECODER.decode(sealed), 1, 13)));
        }
        assertThat(nonces).hasSize(10_000);
        assertThat(values).hasSize(10_000);
    }

    @Test
    void thePlaintextDoesNotAppearInTheValue() {
        byte[] plaintext = "{\"card\":\"4111111111111111\",\"name\":\"Ann Example\"}".getBytes(StandardCharsets.UTF_8);
        String sealed = this.codec.seal(plaintext);
        byte[] bytes = DECODER.decode(sealed);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("4111111111111111", "Ann Example");
        for (int shift = 0; shift < 3; shift++) {
            String encoded = ENCODER.encodeToString(java.util.Arrays.copyOfRange(plaintext, shift, plaintext.length));
            assertThat(sealed).doesNotContain(encoded.substring(4, 24));
        }
        assertThat(sealed).doesNotContain("4111111111111111");
    }

    /**
     * Only the spelling seal makes passes for well formed: for every last character of
     * the alphabet, on sealed values of each length the last character can leave bits
     * unused in, a value is well formed exactly when encoding its bytes gives it back.
     */
    @Test
    void aLastCharacterIsWellFormedExactlyWhenItIsTheCanonicalSpelling() {
        Set<Integer> remainders = new HashSet<>();
        for (int size = 0; size < 6; size++) {
            String sealed = this.codec.seal(Arrays.copyOf(this.sample, this.sample.length + size));
            remainders.add(sealed.length() % 4);
            String stem = sealed.substring(0, sealed.length() - 1);
            for (char last : ALPHABET.toCharArray()) {
                String candidate = stem + last;
                boolean canonical = ENCODER.encodeToString(DECODER.decode(candidate)).equals(candidate);
                assertThat(SecureCookieCodec.isWellFormed(candidate)).as(candidate).isEqualTo(canonical);
            }
        }
        assertThat(remainders).as("lengths leaving 0, 4 and 2 bits unused").containsExactlyInAnyOrder(0, 2, 3);
        String shortest = this.codec.seal(new byte[0]);
        assertThat(SecureCookieCodec.isWellFormed(shortest)).isTrue();
        assertThat(SecureCookieCodec.isWellFormed(shortest.substring(1))).as("shorter than any sealed value").isFalse();
    }

}
