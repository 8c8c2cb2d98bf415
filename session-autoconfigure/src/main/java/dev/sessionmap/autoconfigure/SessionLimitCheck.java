package dev.sessionmap.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.ConcurrentSessionFilter;

import dev.sessionmap.core.UserSessions;
import dev.sessionmap.security.StoreBackedSessionRegistry;

/**
 * Refuses to start an application that limits sessions per user
 * ({@code sessionConcurrency}) on a store that cannot list a user's sessions (the secure
 * cookie): the limit would silently allow any number.
 */
final class SessionLimitCheck implements SmartInitializingSingleton {

    private final ObjectProvider<StoreBackedSessionRegistry> registry;

    private final ObjectProvider<UserSessions> userSessions;

    private final ObjectProvider<SecurityFilterChain> chains;

    SessionLimitCheck(ObjectProvider<StoreBackedSessionRegistry> registry, ObjectProvider<UserSessions> userSessions,
            ObjectProvider<SecurityFilterChain> chains) {
        this.registry = registry;
        this.userSessions = userSessions;
        this.chains = chains;
    }

    @Override
    public void afterSingletonsInstantiated() {
        UserSessions sessions = this.userSessions.getIfUnique();
        if (this.registry.getIfUnique() == null || sessions == null || sessions.canList()) {
            return;
        }
        boolean limited = this.chains.stream()
            .flatMap((chain) -> chain.getFilters().stream())
            .anyMatch(ConcurrentSessionFilter.class::isInstance);
        if (limited) {
            throw new IllegalStateException("Spring Security limits sessions per user (sessionManagement(...)"
                    + ".sessionConcurrency(...).maximumSessions(n)), but the session store cannot list a user's"
                    + " sessions (the secure-cookie store keeps none on the server), so the limit would allow any"
                    + " number. Set app.session.store=datastore or app.session.store=redis, or remove the session"
                    + " limit (\"log out everywhere\" works on the secure cookie through revocation epochs).");
        }
    }

}
