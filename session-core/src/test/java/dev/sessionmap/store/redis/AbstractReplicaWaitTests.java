package dev.sessionmap.store.redis;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Waiting for replicas ({@code app.session.redis.wait-replicas}) against a real
 * replicated Redis: a write returns once a replica holds it, fails within the timeout
 * when the replicas are asleep, and reads never wait. One subclass per topology.
 */
abstract class AbstractReplicaWaitTests {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.now();

    private final String namespace = TestRedis.namespace();

    private final SessionKeys keys = new SessionKeys(this.namespace);

    private final List<String> sent = new CopyOnWriteArrayList<>();

    private final List<String> written = new ArrayList<>();

    private final List<RedisNode> asleep = new ArrayList<>();

    private LettuceConnectionFactory factory;

    /** A started connection factory for the topology. */
    abstract LettuceConnectionFactory connect();

    /** The replicas of the primary that serves {@code key}. */
    abstract List<RedisNode> replicasOf(LettuceConnectionFactory factory, String key);

    @BeforeEach
    void connectAndListen() {
        this.factory = connect();
        this.factory.getRequiredNativeClient().addListener(new CommandListener() {

            @Override
            public void commandStarted(CommandStartedEvent event) {
                AbstractReplicaWaitTests.this.sent.add(event.getCommand().getType().toString());
            }

        });
        // Connects before any replica sleeps: the first connection of a JVM takes
        // seconds.
        new RedisSessionStore(this.factory, this.codec, this.namespace).load(SessionIds.generate());
        this.sent.clear();
    }

    @AfterEach
    void wakeAndCleanUp() {
        this.asleep.forEach((node) -> RedisReplicas.awake(node.getRequiredHost(), node.getRequiredPort()));
        if (this.factory != null) {
            StringRedisTemplate redis = new StringRedisTemplate(this.factory);
            this.written.forEach(redis::delete);
            redis.delete(this.keys.expiring());
            this.factory.destroy();
        }
    }

    private RedisSessionStore store(int replicas) {
        RedisSessionStore store = new RedisSessionStore(this.factory, this.codec, this.namespace);
        store.setWaitForReplicas(replicas, TIMEOUT);
        return store;
    }

    private SessionWrite newSession(String id, Map<String, Object> values) {
        ObjectNode data = this.codec.newData();
        values.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
        this.written.add(this.keys.of(id));
        values.keySet()
            .stream()
            .filter(SessionRecords.PRINCIPAL::equals)
            .forEach((key) -> this.written.add(this.keys.principal((String) values.get(key))));
        return SessionWrite.create(id, data, this.now, this.now.plus(Duration.ofDays(1)));
    }

    private void sleepReplicasOf(String key) throws IOException {
        for (RedisNode replica : replicasOf(this.factory, key)) {
            this.asleep.add(replica);
            RedisReplicas.sleep(replica.getRequiredHost(), replica.getRequiredPort(), Duration.ofMillis(2000));
        }
    }

    /**
     * The data commands sent since the last call (no connection set-up or topology
     * refresh); forgets them.
     */
    private List<String> sent() {
        List<String> sent = this.sent.stream()
            .filter(List.of("EVALSHA", "EVAL", "WAIT", "HGETALL", "DEL")::contains)
            .toList();
        this.sent.clear();
        return sent;
    }

    @Test
    void aWriteReturnsOnlyOnceAReplicaHoldsIt() throws IOException {
        RedisSessionStore store = store(1);
        String id = SessionIds.generate();
        this.sent.clear();
        assertThat(store.save(newSession(id, Map.of("count", 1)))).isEqualTo(id);

        assertThat(sent()).as("the write, then one WAIT")
            .startsWith("EVALSHA")
            .endsWith("WAIT")
            .containsOnlyOnce("WAIT");
        boolean held = false;
        for (RedisNode replica : replicasOf(this.factory, this.keys.of(id))) {
            held |= RedisReplicas.holds(replica.getRequiredHost(), replica.getRequiredPort(), this.keys.of(id));
        }
        assertThat(held).as("a replica holds the session the moment the write returns").isTrue();
    }

    @Test
    void withoutReplicasToWaitForNoWaitIsSent() {
        RedisSessionStore store = store(0);
        String id = SessionIds.generate();
        this.sent.clear();
        store.save(newSession(id, Map.of("count", 1)));
        assertThat(sent()).startsWith("EVALSHA").doesNotContain("WAIT");
    }

    @Test
    void aWriteFailsWithinTheTimeoutWhileTheReplicasSleepButReadsDoNotWait() throws IOException {
        RedisSessionStore store = store(1);
        String id = SessionIds.generate();
        store.save(newSession(id, Map.of("count", 1)));
        StoredSession loaded = store.load(id);
        sleepReplicasOf(this.keys.of(id));
        this.sent.clear();

        assertThat(store.load(id)).as("a read while the replicas sleep").isNotNull();
        assertThat(sent()).containsExactly("HGETALL");
        long start = System.nanoTime();
        assertThatExceptionOfType(SessionStoreException.class).isThrownBy(() -> store.delete(loaded))
            .withMessageContaining("fewer than the 1 required");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(TIMEOUT, TIMEOUT.plusSeconds(1));
        assertThat(store.load(id)).as("the primary applied the unconfirmed delete").isNull();
    }

    @Test
    void askingForMoreReplicasThanThereAreFailsEveryWrite() {
        String id = SessionIds.generate();
        RedisSessionStore store = store(replicasOf(this.factory, this.keys.of(id)).size() + 1);
        assertThatExceptionOfType(SessionStoreException.class)
            .isThrownBy(() -> store.save(newSession(id, Map.of("count", 1))));
        assertThat(store.load(id)).as("the write is on the primary all the same").isNotNull();
    }

    @Test
    void theWriteWaitsOnEveryNodeItWrote() throws IOException {
        // A logged-in session writes the principal index too, on a node of its own in a
        // cluster: only its replica sleeps.
        String index = this.keys.expiring();
        String id = SessionIds.generate();
        for (int i = 0; i < 100 && replicasOf(this.factory, this.keys.of(id)).equals(replicasOf(this.factory, index))
                && isCluster(); i++) {
            id = SessionIds.generate();
        }
        RedisSessionStore store = store(1);
        sleepReplicasOf(index);
        String session = id;
        assertThatExceptionOfType(SessionStoreException.class)
            .isThrownBy(() -> store.save(newSession(session, Map.of(SessionRecords.PRINCIPAL, "alice"))));
    }

    /** Whether keys of different slots live on different primaries. */
    abstract boolean isCluster();

}
