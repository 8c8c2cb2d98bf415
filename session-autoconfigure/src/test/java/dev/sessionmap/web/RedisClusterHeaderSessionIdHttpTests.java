package dev.sessionmap.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Session tokens in a header on a Redis Cluster.
 */
@EnabledWithRedis(TestRedis.Topology.CLUSTER)
class RedisClusterHeaderSessionIdHttpTests extends RedisHeaderSessionIdHttpTests {

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        TestRedis.cluster(registry);
    }

}
