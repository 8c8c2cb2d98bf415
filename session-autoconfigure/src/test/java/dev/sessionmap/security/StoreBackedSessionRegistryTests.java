package dev.sessionmap.security;

import java.security.Principal;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.userdetails.User;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.UserSessions;
import dev.sessionmap.store.memory.InMemorySessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StoreBackedSessionRegistryTests {

    private final StoreBackedSessionRegistry registry = new StoreBackedSessionRegistry(new UserSessions(
            new InMemorySessionStore(SessionCodec.withDefaults()), Clock.systemUTC(), SessionHooks.NONE, () -> null));

    @Test
    void namesPrincipalsAsSpringSecuritysAuthenticationDoes() {
        assertThat(StoreBackedSessionRegistry.nameOf(User.withUsername("ada").password("x").build())).isEqualTo("ada");
        AuthenticatedPrincipal oauth2User = () -> "github|42";
        assertThat(StoreBackedSessionRegistry.nameOf(oauth2User)).isEqualTo("github|42");
        Principal principal = () -> "grace";
        assertThat(StoreBackedSessionRegistry.nameOf(principal)).isEqualTo("grace");
        assertThat(StoreBackedSessionRegistry.nameOf("linus")).isEqualTo("linus");
    }

    @Test
    void aUserWithoutSessionsHasAnEmptyListSpringSecurityMaySort() {
        assertThat(this.registry.getAllSessions("ada", false)).isEmpty();
        this.registry.getAllSessions("ada", false).sort(null);
    }

    @Test
    void cannotListEveryPrincipal() {
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(this.registry::getAllPrincipals)
            .withMessageContaining("getAllSessions");
    }

}
