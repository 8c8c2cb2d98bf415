package dev.sessionmap.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security as any Spring Security site writes it: form log-in on the site's own
 * page, log-out, CSRF tokens in every form. Nothing here names sessionmap: the security
 * context, the saved request and the CSRF token go to the servlet session, which is the
 * visitor's sessionmap session, so there is one cookie and no JSESSIONID.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain site(HttpSecurity http, LogInMessages messages) {
        http.authorizeHttpRequests((requests) -> requests.requestMatchers("/account", "/sessions", "/sessions/**")
            .authenticated()
            .anyRequest()
            .permitAll())
            .formLogin((form) -> form.loginPage("/login").successHandler(messages))
            .logout((logout) -> logout.logoutSuccessHandler(messages));
        return http.build();
    }

    /**
     * BCrypt for new hashes, and a hash's {@code {id}} prefix says how to check it, so
     * the algorithm can change.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

}
