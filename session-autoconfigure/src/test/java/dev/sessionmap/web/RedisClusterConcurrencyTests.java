package dev.sessionmap.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The 32 x 200 concurrent requests of one session on a Redis Cluster: no change lost.
 */
@EnabledWithRedis(TestRedis.Topology.CLUSTER)
class RedisClusterConcurrencyTests extends RedisConcurrencyTests {

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        TestRedis.cluster(registry);
    }

}
