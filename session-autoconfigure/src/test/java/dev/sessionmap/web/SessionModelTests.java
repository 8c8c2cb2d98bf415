package dev.sessionmap.web;

import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Group;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.store.cookie.TestSecrets;
import dev.sessionmap.store.memory.InMemorySessionStore;

/**
 * The model-based test on every store: the in-memory store, the H2 datastore, the secure
 * cookie, and Redis when there is one.
 */
class SessionModelTests {

    @Group
    class InMemory extends AbstractSessionModelTests {

        @Override
        protected Map<String, Object> storeProperties() {
            return Map.of();
        }

        @Override
        protected Class<?>[] extraSources() {
            return new Class<?>[] { MemoryStore.class };
        }

    }

    @Group
    class Datastore extends AbstractSessionModelTests {

        @Override
        protected Map<String, Object> storeProperties() {
            return Map.of("spring.datasource.url", "jdbc:h2:mem:model-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }

    }

    @Group
    class SecureCookie extends AbstractSessionModelTests {

        @Override
        protected Map<String, Object> storeProperties() {
            return Map.of("app.session.store", "secure-cookie", "app.session.secret", TestSecrets.random());
        }

    }

    @Group
    @AddLifecycleHook(RedisRequired.class)
    class Redis extends AbstractSessionModelTests {

        @Override
        protected Map<String, Object> storeProperties() {
            return Map.of("app.session.store", "redis", "spring.data.redis.url", TestRedis.url(),
                    "app.session.redis.namespace", TestRedis.namespace());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class MemoryStore {

        @Bean
        SessionStore sessionStore() {
            return new InMemorySessionStore(SessionCodec.withDefaults());
        }

    }

    /** Skips the Redis group, saying why, where there is no Redis. */
    static class RedisRequired implements SkipExecutionHook {

        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return TestRedis.available() ? SkipResult.doNotSkip() : SkipResult.skip(TestRedis.UNAVAILABLE);
        }

    }

}
