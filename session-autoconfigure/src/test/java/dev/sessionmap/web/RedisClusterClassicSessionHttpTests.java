package dev.sessionmap.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The classic session API on a Redis Cluster: the admin bean counting and deleting on
 * every primary, and periodic id rotation, whose two ids mostly live on different slots.
 */
@EnabledWithRedis(TestRedis.Topology.CLUSTER)
class RedisClusterClassicSessionHttpTests extends RedisClassicSessionHttpTests {

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        TestRedis.cluster(registry);
    }

}
