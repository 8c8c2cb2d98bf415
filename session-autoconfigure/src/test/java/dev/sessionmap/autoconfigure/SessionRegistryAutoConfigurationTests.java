package dev.sessionmap.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.security.StoreBackedSessionRegistry;
import dev.sessionmap.store.memory.InMemorySessionStore;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRegistryAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(SessionAutoConfiguration.class, SessionRegistryAutoConfiguration.class))
        .withUserConfiguration(Store.class);

    @Test
    void springSecurityFindsTheStoreBackedRegistry() {
        this.runner.run((context) -> assertThat(context).getBean(SessionRegistry.class)
            .isInstanceOf(StoreBackedSessionRegistry.class));
    }

    @Test
    void backsOffForTheApplicationsOwnRegistry() {
        this.runner.withUserConfiguration(OwnRegistry.class)
            .run((context) -> assertThat(context).hasNotFailed()
                .getBean(SessionRegistry.class)
                .isInstanceOf(SessionRegistryImpl.class));
    }

    @Test
    void withoutSpringSecurityThereIsNoRegistry() {
        this.runner.withClassLoader(new FilteredClassLoader(SessionRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(StoreBackedSessionRegistry.class));
    }

    @Test
    void withoutTheServletSessionBridgeThereIsNoRegistry() {
        // Spring Security then keeps its context in the container's sessions, which the
        // store never sees.
        this.runner.withPropertyValues("app.session.http-session.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SessionRegistry.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Store {

        @Bean
        SessionStore sessionStore() {
            return new InMemorySessionStore(SessionCodec.withDefaults());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {

        @Bean
        SessionRegistry mySessionRegistry() {
            return new SessionRegistryImpl();
        }

    }

}
