package dev.sessionmap.core;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionIdsTests {

    @Test
    void idsAre256RandomBitsInUrlSafeBase64() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = SessionIds.generate();
            assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(SessionIds.isWellFormed(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void malformedIdsAreRecognisedWithoutStoreWork() {
        String id = SessionIds.generate();
        assertThat(SessionIds.isWellFormed(null)).isFalse();
        assertThat(SessionIds.isWellFormed("")).isFalse();
        assertThat(SessionIds.isWellFormed(id.substring(1))).isFalse();
        assertThat(SessionIds.isWellFormed(id + "A")).isFalse();
        assertThat(SessionIds.isWellFormed(id.substring(0, 42) + "=")).isFalse();
        assertThat(SessionIds.isWellFormed("' OR 1=1 --" + id.substring(11))).isFalse();
        // 43 characters but not the encoding of 32 bytes: the low bits of the last
        // character must be zero.
        assertThat(SessionIds.isWellFormed(id.substring(0, 42) + "B")).isFalse();
    }

    @Test
    void hashIsHexSha256SoAStoredKeyIsNotTheCookieValue() {
        String id = SessionIds.generate();
        String hash = SessionIds.hash(id);
        assertThat(hash).hasSize(64).matches("[0-9a-f]+").isNotEqualTo(id);
        assertThat(SessionIds.hash(id)).isEqualTo(hash);
        assertThat(SessionIds.hash("abc"))
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

}
