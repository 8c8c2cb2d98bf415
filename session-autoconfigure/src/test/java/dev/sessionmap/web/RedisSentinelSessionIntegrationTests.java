package dev.sessionmap.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The session's life over real HTTP through Redis Sentinel: the store on the primary
 * Sentinel names, the same tests as on one server.
 */
@EnabledWithRedis(TestRedis.Topology.SENTINEL)
class RedisSentinelSessionIntegrationTests extends RedisSessionIntegrationTests {

    @DynamicPropertySource
    static void sentinel(DynamicPropertyRegistry registry) {
        TestRedis.sentinel(registry);
    }

}
