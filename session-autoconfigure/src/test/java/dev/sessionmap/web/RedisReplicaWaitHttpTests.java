package dev.sessionmap.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.store.redis.RedisReplicas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code app.session.redis.wait-replicas} over HTTP, on a primary with replicas behind
 * Sentinel: a request that writes the session answers once a replica has the write, and
 * 503 while no replica acknowledges; a request that only reads is untouched.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIfEnvironmentVariable(named = "SESSIONMAP_REDIS_SENTINEL_NODES", matches = ".+",
        disabledReason = "No Redis Sentinel: set SESSIONMAP_REDIS_SENTINEL_NODES (host:port,...) and"
                + " SESSIONMAP_REDIS_SENTINEL_MASTER to run these tests")
@SpringBootTest(classes = { LifecycleTestApplication.class, RedisReplicaWaitHttpTests.Support.class },
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.session.store=redis", "app.session.redis.wait-replicas=1",
                "app.session.redis.wait-timeout=200ms",
                "spring.data.redis.sentinel.nodes=${SESSIONMAP_REDIS_SENTINEL_NODES:}",
                "spring.data.redis.sentinel.master=${SESSIONMAP_REDIS_SENTINEL_MASTER:sessionmap}" })
class RedisReplicaWaitHttpTests {

    private static final String NAMESPACE = TestRedis.namespace();

    @LocalServerPort
    private int port;

    @Autowired
    private LettuceConnectionFactory connectionFactory;

    @Autowired
    private RedisCommandLog commands;

    private final List<RedisNode> asleep = new ArrayList<>();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("app.session.redis.namespace", () -> NAMESPACE);
    }

    @AfterEach
    void wakeAndDeleteOurKeys() {
        this.asleep.forEach((node) -> RedisReplicas.awake(node.getRequiredHost(), node.getRequiredPort()));
        TestRedis.deleteAll(new StringRedisTemplate(this.connectionFactory), NAMESPACE);
    }

    @Test
    void writesWaitForAReplicaAndFailWith503WhileNoneAcknowledgesButReadsGoOn(CapturedOutput output)
            throws IOException {
        TestRedis.loadScripts(new StringRedisTemplate(this.connectionFactory));
        Browser browser = new Browser(this.port);
        this.commands.take();
        assertThat(browser.get("/counter").body()).isEqualTo("1");
        assertThat(this.commands.take()).as("a write, then WAIT").endsWith("EVALSHA", "WAIT");

        for (RedisNode replica : replicas()) {
            this.asleep.add(replica);
            RedisReplicas.sleep(replica.getRequiredHost(), replica.getRequiredPort(), Duration.ofSeconds(3));
        }
        this.commands.take();
        assertThat(browser.get("/read").body()).as("a read, while no replica answers").isEqualTo("1");
        assertThat(this.commands.take()).containsExactly("HGETALL");
        long start = System.nanoTime();
        assertThat(browser.get("/counter").statusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the timeout, not the replicas")
            .isLessThan(Duration.ofSeconds(2));
        assertThat(output).contains("Session store unavailable for GET /counter, answering 503")
            .contains("fewer than the 1 required within 200ms");

        this.asleep.forEach((node) -> RedisReplicas.awake(node.getRequiredHost(), node.getRequiredPort()));
        assertThat(browser.get("/read").body()).as("the unconfirmed write is on the primary").isEqualTo("2");
        assertThat(browser.get("/counter").body()).isEqualTo("3");
    }

    private List<RedisNode> replicas() throws IOException {
        try (RedisSentinelConnection sentinel = this.connectionFactory.getSentinelConnection()) {
            return sentinel
                .replicas(() -> System.getenv().getOrDefault("SESSIONMAP_REDIS_SENTINEL_MASTER", "sessionmap"))
                .stream()
                .map((replica) -> new RedisNode(replica.getRequiredHost(), replica.getRequiredPort()))
                .toList();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Support {

        @Bean
        RedisCommandLog redisCommandLog(LettuceConnectionFactory connectionFactory) {
            return RedisCommandLog.attachTo(connectionFactory);
        }

    }

}
