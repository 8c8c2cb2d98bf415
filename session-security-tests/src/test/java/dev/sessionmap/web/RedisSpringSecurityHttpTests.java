package dev.sessionmap.web;

import java.util.Map;

/** Spring Security on the Redis store, in a namespace of its own. */
@EnabledWithRedis
class RedisSpringSecurityHttpTests extends AbstractSpringSecurityHttpTests {

    private final String namespace = TestRedis.namespace();

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("app.session.store", "redis", "spring.data.redis.url", TestRedis.url(),
                "app.session.redis.namespace", this.namespace);
    }

}
