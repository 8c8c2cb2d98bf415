package dev.sessionmap.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.UserSessions;

/**
 * An ordinary Spring Security application: form log-in with users of its own, CSRF,
 * log-out, and OAuth2 log-in when a client registration is configured. Nothing in it
 * knows about sessionmap beyond the starter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ SecuredTestApplication.Pages.class, SqlStatements.Registration.class })
class SecuredTestApplication {

    static final String USER = "ada";

    static final String PASSWORD = "analytical-engine";

    /** Starts an instance on a free port with {@code properties}. */
    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return start(properties, (context) -> {
        });
    }

    /**
     * Starts an instance on a free port with {@code properties}, prepared by
     * {@code initializer} (which may register a store shared with other instances).
     */
    static ConfigurableApplicationContext start(Map<String, Object> properties,
            ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        return new SpringApplicationBuilder(SecuredTestApplication.class).properties(properties)
            .properties(Map.of("server.port", "0", "spring.main.banner-mode", "off"))
            .initializers(initializer)
            .run();
    }

    /**
     * Form log-in, and, when {@code test.maximum-sessions} is set, Spring Security's
     * session limit: the oldest session ends, or with
     * {@code test.max-sessions-prevents-login=true} the new log-in is refused.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations,
            Environment environment) {
        http.authorizeHttpRequests(
                (requests) -> requests.requestMatchers("/public", "/error").permitAll().anyRequest().authenticated())
            .formLogin(Customizer.withDefaults())
            .logout(Customizer.withDefaults());
        if (registrations.getIfAvailable() != null) {
            http.oauth2Login(Customizer.withDefaults());
        }
        Integer maximumSessions = environment.getProperty("test.maximum-sessions", Integer.class);
        if (maximumSessions != null) {
            boolean preventsLogIn = environment.getProperty("test.max-sessions-prevents-login", Boolean.class, false);
            http.sessionManagement((sessions) -> sessions
                .sessionConcurrency((concurrency) -> concurrency.maximumSessions(maximumSessions)
                    .maxSessionsPreventsLogin(preventsLogIn)));
        }
        return http.build();
    }

    /** A typical user: a name and five authorities. */
    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername(USER)
            .password("{noop}" + PASSWORD)
            .authorities("ROLE_USER", "ROLE_EDITOR", "comments:write", "profile:read", "billing:read")
            .build());
    }

    @Bean
    StoreCalls storeCalls() {
        return new StoreCalls();
    }

    @Bean
    static BeanPostProcessor countStoreCalls(ObjectProvider<StoreCalls> calls) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return (bean instanceof SessionStore) ? calls.getObject().counting(bean) : bean;
            }
        };
    }

    @RestController
    static class Pages {

        private final UserSessions userSessions;

        Pages(UserSessions userSessions) {
            this.userSessions = userSessions;
        }

        /** Log out everywhere else, as after a password change. */
        @PostMapping("/account/log-out-elsewhere")
        String logOutElsewhere(Authentication authentication) {
            this.userSessions.revokeOthers(authentication.getName());
            return "logged out elsewhere";
        }

        @GetMapping("/public")
        String everyone() {
            return "public";
        }

        @GetMapping("/account")
        String account(Authentication authentication) {
            return "hello " + authentication.getName();
        }

        @GetMapping("/form")
        String form(CsrfToken token) {
            return token.getToken();
        }

        @PostMapping("/comment")
        String comment() {
            return "saved";
        }

    }

    /** Every call the application made to its session store, by method name. */
    static final class StoreCalls {

        private static final Set<String> STORE_WORK = Set.of("load", "save", "delete", "rotate");

        private final Queue<String> calls = new ConcurrentLinkedQueue<>();

        List<String> take() {
            List<String> taken = List.copyOf(this.calls);
            this.calls.clear();
            return taken;
        }

        Object counting(Object store) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (STORE_WORK.contains(method.getName())) {
                    this.calls.add(method.getName());
                }
                try {
                    return method.invoke(store, args);
                }
                catch (InvocationTargetException ex) {
                    throw ex.getCause();
                }
            };
            return Proxy.newProxyInstance(store.getClass().getClassLoader(),
                    ClassUtils.getAllInterfacesForClass(store.getClass()), handler);
        }

    }

}
