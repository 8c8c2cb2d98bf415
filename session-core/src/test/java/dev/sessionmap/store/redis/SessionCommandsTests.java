package dev.sessionmap.store.redis;

import java.util.stream.Stream;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.ClusterRedirectException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

import dev.sessionmap.core.SessionStoreException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a fail-over throws at the store (a command timed out while the primary is gone, a
 * connection refused, a redirect to a node not known yet) becomes a
 * {@link SessionStoreException}, which the web layer answers with a 503.
 */
class SessionCommandsTests {

    static Stream<RuntimeException> failOverFailures() {
        return Stream.of(new QueryTimeoutException("Redis command timed out", new RedisCommandTimeoutException()),
                new RedisConnectionFailureException("Unable to connect", new RedisConnectionException("refused")),
                new RedisSystemException("CLUSTERDOWN The cluster is down", new RuntimeException()),
                new ClusterRedirectException(42, "127.0.0.1", 7003, new RuntimeException("MOVED")));
    }

    @ParameterizedTest
    @MethodSource("failOverFailures")
    void everyRedisFailureDuringAFailOverIsAStoreFailure(RuntimeException failure) {
        assertThatExceptionOfType(SessionStoreException.class).isThrownBy(() -> SessionCommands.call(() -> {
            throw failure;
        })).withCause(failure);
    }

}
