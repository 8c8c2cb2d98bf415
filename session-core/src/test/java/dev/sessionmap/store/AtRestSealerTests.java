package dev.sessionmap.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sessionmap.core.SessionIds;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/** Sealing stored session data: format, binding to session and field, key rotation. */
class AtRestSealerTests {

    private static final String JSON = "{\"card\":\"4111 1111 1111 1111\"}";

    private final String secret = TestSecrets.random();

    private final String idHash = SessionIds.hash(SessionIds.generate());

    private final AtRestSealer sealer = AtRestSealer.of(this.secret, List.of(), true);

    @Test
    void aSealedValueOpensForItsSessionAndFieldAndShowsNoPlaintext() {
        String sealed = this.sealer.seal(JSON, this.idHash, "d:card");
        assertThat(sealed).startsWith("~").doesNotContain("card", "4111");
        assertThat(AtRestSealer.isSealed(sealed)).isTrue();
        assertThat(this.sealer.open(sealed, this.idHash, "d:card")).isEqualTo(JSON);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(1));
        assertThat(bytes[0]).isEqualTo(AtRestSealer.VERSION);
        assertThat(bytes).hasSize(1 + 12 + JSON.length() + 16);
    }

    @Test
    void plainJsonIsReadAsItIsAndNeverTakenForSealed() {
        for (String json : List.of("{}", "{\"a\":1}", " {\"a\":1}", "\"text\"", "12", "[1]", "null", "true")) {
            assertThat(AtRestSealer.isSealed(json)).as(json).isFalse();
            assertThat(this.sealer.open(json, this.idHash, "")).isEqualTo(json);
        }
    }

    @Test
    void aValueMovedToAnotherSessionOrFieldOrChangedDoesNotOpen() {
        String sealed = this.sealer.seal(JSON, this.idHash, "d:card");
        String otherSession = SessionIds.hash(SessionIds.generate());
        assertThat(this.sealer.open(sealed, otherSession, "d:card")).isNull();
        assertThat(this.sealer.open(sealed, this.idHash, "d:name")).isNull();
        assertThat(this.sealer.open(sealed, this.idHash, "")).isNull();
        char last = sealed.charAt(sealed.length() - 2);
        String changed = sealed.substring(0, sealed.length() - 2) + ((last == 'A') ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertThat(this.sealer.open(changed, this.idHash, "d:card")).isNull();
        assertThat(this.sealer.open("~not base64!", this.idHash, "d:card")).isNull();
        assertThat(this.sealer.open("~AQ", this.idHash, "d:card")).isNull();
    }

    @Test
    void anotherSecretDoesNotOpenAndAPreviousSecretStillDoes() {
        String sealed = this.sealer.seal(JSON, this.idHash, "");
        String next = TestSecrets.random();
        assertThat(AtRestSealer.of(next, List.of(), true).open(sealed, this.idHash, "")).isNull();
        AtRestSealer rotated = AtRestSealer.of(next, List.of(this.secret), true);
        assertThat(rotated.open(sealed, this.idHash, "")).isEqualTo(JSON);
        String resealed = rotated.seal(JSON, this.idHash, "");
        assertThat(resealed).isNotEqualTo(sealed);
        assertThat(this.sealer.open(resealed, this.idHash, "")).isNull();
    }

    @Test
    void turnedOffItWritesPlainAndStillOpensSealedValues() {
        String sealed = this.sealer.seal(JSON, this.idHash, "");
        AtRestSealer off = AtRestSealer.of(this.secret, List.of(), false);
        assertThat(off.sealsWrites()).isFalse();
        assertThat(off.seal(JSON, this.idHash, "")).isEqualTo(JSON);
        assertThat(off.open(sealed, this.idHash, "")).isEqualTo(JSON);
    }

    @Test
    void withoutASecretWritesArePlainAndSealedValuesCountAsAbsent() {
        AtRestSealer plain = AtRestSealer.plain();
        assertThat(plain.sealsWrites()).isFalse();
        assertThat(plain.seal(JSON, this.idHash, "")).isEqualTo(JSON);
        assertThat(plain.open(this.sealer.seal(JSON, this.idHash, ""), this.idHash, "")).isNull();
    }

    @Test
    void theSameValueSealsTheSameWayAndDifferentValuesDifferently() {
        assertThat(this.sealer.seal(JSON, this.idHash, "d:a")).isEqualTo(this.sealer.seal(JSON, this.idHash, "d:a"));
        assertThat(this.sealer.seal(JSON, this.idHash, "d:a")).isNotEqualTo(this.sealer.seal(JSON, this.idHash, "d:b"));
        assertThat(nonce(this.sealer.seal("{\"a\":1}", this.idHash, "")))
            .isNotEqualTo(nonce(this.sealer.seal("{\"a\":2}", this.idHash, "")));
    }

    /**
     * The nonce is derived from the field and the value: were their bytes simply joined,
     * field {@code d:a} holding {@code 11} and field {@code d:a1} holding {@code 1} would
     * share a nonce, and two GCM messages under one nonce reveal the XOR of their
     * plaintexts and let anyone forge values.
     */
    @Test
    void aFieldAndValueThatJoinToTheSameBytesAsAnotherPairGetAnotherNonce() {
        byte[] first = Base64.getUrlDecoder().decode(this.sealer.seal("11", this.idHash, "d:a").substring(1));
        byte[] second = Base64.getUrlDecoder().decode(this.sealer.seal("1", this.idHash, "d:a1").substring(1));
        assertThat(Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
    }

    @Test
    void theKeyIsHkdfSha256AndNotTheSecureCookiesKey() {
        // RFC 5869, test case 3 (no salt, no info): the first 32 bytes of its OKM.
        byte[] ikm = HexFormat.of().parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        assertThat(HexFormat.of().formatHex(AtRestSealer.derive(ikm, "")))
            .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
        byte[] secret = this.secret.getBytes(StandardCharsets.UTF_8);
        assertThat(AtRestSealer.derive(secret, AtRestSealer.PURPOSE))
            .isNotEqualTo(AtRestSealer.derive(secret, SecureCookieKeys.PURPOSE))
            .isNotEqualTo(AtRestSealer.derive(secret, AtRestSealer.NONCE_PURPOSE));
    }

    private static String nonce(String sealed) {
        return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(sealed.substring(1)), 1, 13);
    }

}
