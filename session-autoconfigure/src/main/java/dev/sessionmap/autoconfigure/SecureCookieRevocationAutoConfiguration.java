package dev.sessionmap.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.servlet.DispatcherServlet;

import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;

/**
 * Revocation of secure-cookie sessions: users' epochs ({@link PrincipalEpochs}) in the
 * application's database if it has a {@link DataSource}, else in its Redis if it has a
 * {@link RedisConnectionFactory}, as {@code app.session.revocation.store} allows, behind
 * a short cache. Without either, the application still starts, and says once that cookie
 * sessions cannot be revoked. Backs off for the application's own
 * {@link PrincipalEpochs}.
 */
@AutoConfiguration(after = SecureCookieSessionAutoConfiguration.class,
        afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, SecureCookieSessionStore.class })
@ConditionalOnSessionStore(StoreType.SECURE_COOKIE)
@EnableConfigurationProperties(SessionProperties.class)
@Import({ RevocationEpochsConfigurations.Datastore.class, RevocationEpochsConfigurations.Redis.class,
        RevocationEpochsConfigurations.Nowhere.class })
public final class SecureCookieRevocationAutoConfiguration {

}
