package dev.sessionmap.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.SecurityFilterChain;

import dev.sessionmap.core.UserSessions;
import dev.sessionmap.security.StoreBackedSessionRegistry;

/**
 * Spring Security's session limit on sessionmap's store: a {@link SessionRegistry} that
 * Spring Security's {@code sessionConcurrency} configuration picks up, answered by the
 * store so the limit holds across instances. Needs the servlet-session bridge
 * ({@code app.session.http-session.enabled}), which records who each session belongs to;
 * backs off for the application's own {@link SessionRegistry}.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SessionRegistry.class, SecurityFilterChain.class, StoreBackedSessionRegistry.class })
@ConditionalOnBooleanProperty(name = "app.session.http-session.enabled", matchIfMissing = true)
@ConditionalOnBean(UserSessions.class)
public final class SessionRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SessionRegistry.class)
    StoreBackedSessionRegistry sessionRegistry(UserSessions userSessions) {
        return new StoreBackedSessionRegistry(userSessions);
    }

    @Bean
    SmartInitializingSingleton sessionLimitCheck(ObjectProvider<StoreBackedSessionRegistry> registry,
            ObjectProvider<UserSessions> userSessions, ObjectProvider<SecurityFilterChain> chains) {
        return new SessionLimitCheck(registry, userSessions, chains);
    }

}
