package dev.sessionmap.store.redis;

import java.util.Objects;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.core.SessionStoreException;

/**
 * Users' revocation epochs in Redis, one string key per user who was ever logged out
 * everywhere: {@code <namespace>:epoch:<principal>}, read with {@code GET} and advanced
 * with {@code INCR}, which is atomic on any number of nodes. The keys have no TTL: a
 * user's epoch must outlive every cookie sealed with an earlier one, so Redis must not
 * evict them (a {@code maxmemory-policy} of {@code noeviction} or {@code volatile-*}).
 *
 * <pre>{@code
 * PrincipalEpochs epochs = new RedisPrincipalEpochs(connectionFactory, "sessionmap");
 * }</pre>
 */
public class RedisPrincipalEpochs implements PrincipalEpochs {

    private final StringRedisTemplate redis;

    private final String prefix;

    /**
     * @param namespace the prefix of every key, as for the Redis store; must not contain
     * the hash-tag braces
     */
    public RedisPrincipalEpochs(RedisConnectionFactory connectionFactory, String namespace) {
        this.redis = new StringRedisTemplate(Objects.requireNonNull(connectionFactory, "connectionFactory"));
        this.prefix = SessionKeys.validate(namespace) + ":epoch:";
    }

    @Override
    public long current(String principal) {
        String epoch = SessionCommands.call(() -> this.redis.opsForValue().get(key(principal)));
        if (epoch == null) {
            return 0;
        }
        try {
            return Long.parseLong(epoch);
        }
        catch (NumberFormatException ex) {
            throw new SessionStoreException("The revocation epoch of a user is not a number in Redis");
        }
    }

    @Override
    public long advance(String principal) {
        Long epoch = SessionCommands.call(() -> this.redis.opsForValue().increment(key(principal)));
        return Objects.requireNonNull(epoch, "INCR answered nothing (in a pipeline or transaction?)");
    }

    /** The key of the user's epoch. */
    String key(String principal) {
        return this.prefix + Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String toString() {
        return "RedisPrincipalEpochs[" + this.prefix + "*]";
    }

}
