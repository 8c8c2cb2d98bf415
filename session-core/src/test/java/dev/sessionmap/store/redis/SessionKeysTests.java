package dev.sessionmap.store.redis;

import org.junit.jupiter.api.Test;

import dev.sessionmap.core.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionKeysTests {

    @Test
    void aKeyIsTheNamespaceAndTheHashOfTheIdInAHashTag() {
        String id = SessionIds.generate();
        assertThat(new SessionKeys("shop").of(id)).isEqualTo("shop:session:{" + SessionIds.hash(id) + "}")
            .doesNotContain(id);
    }

    @Test
    void aNamespaceThatWouldBreakTheHashTagIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionKeys("a{b}")).withMessageContaining("'{'");
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionKeys("b}"));
        assertThatIllegalArgumentException().isThrownBy(() -> new SessionKeys(" "));
    }

    @Test
    void theScanPatternMatchesTheNamespaceLiterally() {
        assertThat(new SessionKeys("shop").pattern()).isEqualTo("shop:session:{*}");
        assertThat(new SessionKeys("a*b?[c]\\").pattern()).isEqualTo("a\\*b\\?\\[c\\]\\\\:session:{*}");
    }

    @Test
    void theIndexKeysNameNoUserAndShareTheNamespacesHashTag() {
        SessionKeys keys = new SessionKeys("shop");
        assertThat(keys.principal("ann@example.com")).startsWith("shop:principal:{shop}:")
            .doesNotContain("ann")
            .isNotEqualTo(keys.principal("Ann@example.com"))
            .isEqualTo(keys.principal("ann@example.com"));
        assertThat(keys.principal("Zoë {admin}")).matches("shop:principal:\\{shop\\}:[0-9a-f]{64}");
        assertThat(keys.expiring()).isEqualTo("shop:expiring:{shop}");
        assertThat(keys.principal("ann")).as("not a session key").doesNotStartWith("shop:session:");
    }

}
