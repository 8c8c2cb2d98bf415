package dev.sessionmap.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.sessionmap.actuate.UserSessionsEndpoint;
import dev.sessionmap.core.PrincipalSessionStore;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.UserSessions;

/**
 * The {@code usersessions} Actuator endpoint, when Actuator is on the class path and the
 * endpoint is available (Boot's rules: not exposed over HTTP unless
 * {@code management.endpoints.web.exposure.include} names it).
 */
@AutoConfiguration(after = { SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class,
        SecureCookieSessionAutoConfiguration.class, RedisSessionAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, UserSessionsEndpoint.class })
@ConditionalOnAvailableEndpoint(UserSessionsEndpoint.class)
public final class UserSessionsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ UserSessions.class, SessionHooks.class })
    UserSessionsEndpoint userSessionsEndpoint(UserSessions userSessions, ObjectProvider<SessionStore> store,
            SessionHooks hooks, ObjectProvider<Clock> clock) {
        PrincipalSessionStore indexed = (store.getIfUnique() instanceof PrincipalSessionStore found) ? found : null;
        return new UserSessionsEndpoint(userSessions, indexed, hooks.listener(), clock.getIfUnique(Clock::systemUTC));
    }

}
