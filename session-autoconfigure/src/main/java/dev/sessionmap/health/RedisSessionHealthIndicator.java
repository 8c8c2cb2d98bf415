package dev.sessionmap.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** Up when the Redis server that keeps the sessions answers a {@code PING}. */
public class RedisSessionHealthIndicator extends AbstractHealthIndicator {

    private final RedisConnectionFactory connectionFactory;

    public RedisSessionHealthIndicator(RedisConnectionFactory connectionFactory) {
        super("The sessions' Redis server did not answer");
        this.connectionFactory = connectionFactory;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try (RedisConnection connection = this.connectionFactory.getConnection()) {
            connection.ping();
        }
        builder.up().withDetail("store", "redis");
    }

}
