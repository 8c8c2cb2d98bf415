package dev.sessionmap.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The session's life over real HTTP on a Redis Cluster: the same tests as on one server,
 * the same round trips per request, every script run on the slot of its keys.
 */
@EnabledWithRedis(TestRedis.Topology.CLUSTER)
class RedisClusterSessionIntegrationTests extends RedisSessionIntegrationTests {

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        TestRedis.cluster(registry);
    }

}
