package dev.sessionmap.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.memory.InMemorySessionStore;

/**
 * For {@code @WebMvcTest} slices only (it is listed in the slice's imports, not among the
 * application's auto-configurations): when the slice leaves out what the application's
 * store needs (a DataSource, Redis), handlers still get a working {@code SessionMap}, on
 * an in-memory store.
 */
@AutoConfiguration(
        after = { SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class,
                SecureCookieSessionAutoConfiguration.class },
        afterName = "dev.sessionmap.autoconfigure.RedisSessionAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class WebMvcTestSessionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SessionStore.class)
    InMemorySessionStore sessionStore(SessionCodec codec) {
        return new InMemorySessionStore(codec);
    }

}
