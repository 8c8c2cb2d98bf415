package dev.sessionmap.store.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.SessionStoreException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Users' revocation epochs in a real Redis. */
class RedisPrincipalEpochsTests {

    private final String namespace = TestRedis.namespace();

    private LettuceConnectionFactory factory;

    private StringRedisTemplate redis;

    private RedisPrincipalEpochs epochs;

    @BeforeEach
    void connect() {
        this.factory = TestRedis.connect(TestRedis.url());
        this.redis = new StringRedisTemplate(this.factory);
        this.epochs = new RedisPrincipalEpochs(this.factory, this.namespace);
    }

    @AfterEach
    void cleanUp() {
        if (this.factory != null) {
            TestRedis.deleteAll(this.redis, this.namespace);
            this.factory.destroy();
        }
    }

    @Test
    void aUserNeverRevokedIsAtZeroAndHasNoKey() {
        assertThat(this.epochs.current("ann")).isZero();
        assertThat(TestRedis.keys(this.redis, this.namespace)).isEmpty();
    }

    @Test
    void everyConcurrentAdvanceCountsOnceInOneKeyWithoutExpiry() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> advances = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                advances.add(() -> this.epochs.advance("ann@example.com"));
            }
            List<Long> returned = new ArrayList<>();
            for (Future<Long> advance : threads.invokeAll(advances)) {
                returned.add(advance.get());
            }
            assertThat(returned).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 80).boxed().toList());
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(this.epochs.current("ann@example.com")).isEqualTo(80);
        String key = this.namespace + ":epoch:ann@example.com";
        assertThat(TestRedis.keys(this.redis, this.namespace)).containsExactly(key);
        assertThat(this.redis.getExpire(key)).as("no TTL: it must outlive every cookie").isEqualTo(-1);
    }

    @Test
    void aValueThatIsNotAnEpochFailsRatherThanLettingSessionsThrough() {
        this.redis.opsForValue().set(this.namespace + ":epoch:ann", "many");
        assertThatExceptionOfType(SessionStoreException.class).isThrownBy(() -> this.epochs.current("ann"));
    }

}
