package dev.sessionmap.autoconfigure;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.DispatcherServlet;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.metrics.CookieSizeWarning;
import dev.sessionmap.metrics.SessionStoreInterceptor;
import dev.sessionmap.store.cookie.SecureCookieCodec;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;
import dev.sessionmap.web.SessionCookies;

/**
 * The secure-cookie store: the whole session sealed in the cookie under keys derived from
 * {@code app.session.secret}, so the server keeps nothing and needs no database. Start-up
 * fails, saying how to make one, when the secret is missing or weak.
 */
@AutoConfiguration(after = SessionAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, SecureCookieSessionStore.class })
@ConditionalOnSessionStore(StoreType.SECURE_COOKIE)
@EnableConfigurationProperties(SessionProperties.class)
public final class SecureCookieSessionAutoConfiguration {

    static final String HOW_TO_GENERATE = "Generate one with `openssl rand -base64 32` and supply it through the"
            + " environment (APP_SESSION_SECRET) or your secrets manager; never commit it.";

    @Bean
    @ConditionalOnMissingBean(SessionStore.class)
    SecureCookieSessionStore sessionStore(SessionProperties properties, SessionCodec codec, SessionCookies cookies) {
        SecureCookieCodec sealer = new SecureCookieCodec(keys(properties), cookies.name());
        long cacheBytes = properties.getSecureCookie().getCacheSize().toBytes();
        if (cacheBytes < 0) {
            throw new IllegalStateException(
                    "app.session.secure-cookie.cache-size must not be negative; set 0 to turn the cache off");
        }
        return new SecureCookieSessionStore(sealer, codec, cookies.overhead(), cacheBytes);
    }

    /**
     * Warns when sessions come near the cookie's limit. First of the decorators, so that
     * it sees the store itself.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean(name = "sessionCookieSizeWarning")
    SessionStoreDecorator sessionCookieSizeWarning(ObjectProvider<Clock> clock) {
        return (store) -> (SessionStoreInterceptor.unwrap(store) instanceof SecureCookieSessionStore cookie)
                ? new CookieSizeWarning(store, cookie.maxTokenLength(), clock.getIfUnique(Clock::systemUTC)).proxy()
                : store;
    }

    private static SecureCookieKeys keys(SessionProperties properties) {
        String secret = properties.getSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("app.session.store=secure-cookie needs app.session.secret, at least 32"
                    + " random bytes. " + HOW_TO_GENERATE);
        }
        check("app.session.secret", secret);
        List<String> previous = properties.getPreviousSecrets();
        for (int i = 0; i < previous.size(); i++) {
            check("app.session.previous-secrets[" + i + "]", previous.get(i));
        }
        return SecureCookieKeys.of(secret, previous);
    }

    private static void check(String property, String secret) {
        String weakness = SecureCookieKeys.weakness(secret);
        if (weakness != null) {
            throw new IllegalStateException(
                    property + " is too weak for the secure-cookie store: " + weakness + ". " + HOW_TO_GENERATE);
        }
    }

}
