package dev.sessionmap.web;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.util.ClassUtils;

/**
 * Names the user a session belongs to from the security context Spring Security keeps in
 * the servlet session, so that a log-in through Spring Security is a log-in for
 * {@link dev.sessionmap.core.UserSessions} too. Spring Security is optional: without it
 * no attribute names anyone.
 */
final class SecurityPrincipals {

    /**
     * The attribute Spring Security's {@code HttpSessionSecurityContextRepository} keeps
     * the context under.
     */
    static final String CONTEXT_ATTRIBUTE = "SPRING_SECURITY_CONTEXT";

    private static final boolean PRESENT = ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContext", SecurityPrincipals.class.getClassLoader());

    private SecurityPrincipals() {
    }

    /** Whether the attribute {@code name} carries the security context. */
    static boolean isContext(String name) {
        return PRESENT && CONTEXT_ATTRIBUTE.equals(name);
    }

    /**
     * The name of the user {@code value} (the context attribute's value) says is logged
     * in, or {@code null} when nobody is: no context, no authentication, or an anonymous
     * one.
     */
    static @Nullable String nameIn(@Nullable Object value) {
        return PRESENT ? Resolver.nameIn(value) : null;
    }

    /** Touches Spring Security's classes only once they are known to be present. */
    private static final class Resolver {

        private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

        static @Nullable String nameIn(@Nullable Object value) {
            if (!(value instanceof SecurityContext context)) {
                return null;
            }
            Authentication authentication = context.getAuthentication();
            return TRUST.isAuthenticated(authentication) ? authentication.getName() : null;
        }

    }

}
