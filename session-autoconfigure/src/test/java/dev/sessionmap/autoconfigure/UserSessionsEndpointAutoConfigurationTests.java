package dev.sessionmap.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sessionmap.actuate.UserSessionsEndpoint;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.UserSessions;
import dev.sessionmap.store.memory.InMemorySessionStore;

import static org.assertj.core.api.Assertions.assertThat;

class UserSessionsEndpointAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(SessionAutoConfiguration.class, UserSessionsEndpointAutoConfiguration.class))
        .withUserConfiguration(Store.class);

    @Test
    void isNotAvailableUnlessExposed() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UserSessionsEndpoint.class));
    }

    @Test
    void exposedOverHttpItListsAUsersSessions() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=usersessions").run((context) -> {
            UserSessionsEndpoint endpoint = context.getBean(UserSessionsEndpoint.class);
            UserSessionsEndpoint.PrincipalSessionsDescriptor listed = endpoint.principalSessions("ada");
            assertThat(listed.sessions()).isEmpty();
            assertThat(listed.unavailable()).isNull();
        });
    }

    @Test
    void backsOffWithoutActuator() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=usersessions")
            .withClassLoader(new FilteredClassLoader(Endpoint.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UserSessionsEndpoint.class));
    }

    @Test
    void backsOffForTheApplicationsOwnEndpoint() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=usersessions")
            .withUserConfiguration(OwnEndpoint.class)
            .run((context) -> assertThat(context).hasSingleBean(UserSessionsEndpoint.class)
                .hasBean("myUserSessionsEndpoint"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Store {

        @Bean
        SessionStore sessionStore() {
            return new InMemorySessionStore(SessionCodec.withDefaults());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpoint {

        @Bean
        UserSessionsEndpoint myUserSessionsEndpoint(UserSessions userSessions) {
            return new UserSessionsEndpoint(userSessions, null, SessionListener.NONE, java.time.Clock.systemUTC());
        }

    }

}
