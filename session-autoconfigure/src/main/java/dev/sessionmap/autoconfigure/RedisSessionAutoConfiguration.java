package dev.sessionmap.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.redis.RedisSessionStore;

/**
 * The Redis store, on the connection factory Spring Boot configures from
 * {@code spring.data.redis.*}. Redis expires the sessions itself; the store is still
 * purgeable, as its purge takes expired sessions of users out of the principal index and
 * reports each once (for {@code SessionExpiredEvent}s). With
 * {@code app.session.redis.wait-replicas} each write also waits for that many replicas.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RedisConnectionFactory.class, RedisSessionStore.class })
@ConditionalOnSessionStore(StoreType.REDIS)
@EnableConfigurationProperties(SessionProperties.class)
public final class RedisSessionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SessionStore.class)
    @ConditionalOnSingleCandidate(RedisConnectionFactory.class)
    RedisSessionStore sessionStore(RedisConnectionFactory connectionFactory, SessionCodec codec,
            SessionProperties properties) {
        SessionRedisProperties redis = properties.getRedis();
        RedisSessionStore store = new RedisSessionStore(connectionFactory, codec, redis.getNamespace(),
                AtRestSealers.of(properties));
        if (redis.getWaitReplicas() < 0) {
            throw new InvalidConfigurationPropertyValueException("app.session.redis.wait-replicas",
                    redis.getWaitReplicas(), "Set 0 (no waiting) or the number of replicas that must have each write");
        }
        if (redis.getWaitReplicas() > 0 && redis.getWaitTimeout().toMillis() < 1) {
            throw new InvalidConfigurationPropertyValueException("app.session.redis.wait-timeout",
                    redis.getWaitTimeout(), "Set at least 1ms: Redis would read 0 as waiting forever");
        }
        store.setWaitForReplicas(redis.getWaitReplicas(), redis.getWaitTimeout());
        return store;
    }

}
