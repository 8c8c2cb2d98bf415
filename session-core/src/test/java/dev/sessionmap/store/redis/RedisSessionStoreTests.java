package dev.sessionmap.store.redis;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.ChangeRecorder;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The Redis store against a real Redis, in a namespace of its own. */
class RedisSessionStoreTests {

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final String namespace = TestRedis.namespace();

    private LettuceConnectionFactory factory;

    private StringRedisTemplate redis;

    private RedisSessionStore store;

    @BeforeEach
    void connect() {
        this.factory = TestRedis.connect(TestRedis.url());
        this.redis = new StringRedisTemplate(this.factory);
        this.store = new RedisSessionStore(this.factory, this.codec, this.namespace);
    }

    @AfterEach
    void cleanUp() {
        if (this.factory != null) {
            TestRedis.deleteAll(this.redis, this.namespace);
            this.factory.destroy();
        }
    }

    private ObjectNode data(Map<String, Object> values) {
        ObjectNode data = this.codec.newData();
        values.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
        return data;
    }

    private String create(Map<String, Object> values) {
        return this.store.save(
                SessionWrite.create(SessionIds.generate(), data(values), this.now, this.now.plus(Duration.ofDays(1))));
    }

    /**
     * What a request that ran {@code handler} on {@code loaded} asks the store to write.
     */
    private SessionWrite change(StoredSession loaded, String id, Consumer<Map<String, Object>> handler) {
        SessionChanges changes = ChangeRecorder.record(this.codec, loaded, handler);
        ObjectNode data = changes.applyTo(loaded.data(), this.codec);
        return SessionWrite
            .update(loaded, data, changes, this.now.plusSeconds(5), this.now.plusSeconds(5).plus(Duration.ofDays(1)))
            .movedTo(id);
    }

    private Map<?, ?> values(String id) {
        return (Map<?, ?>) this.codec.decode(this.store.load(id).data());
    }

    private String key(String id) {
        return this.namespace + ":session:{" + SessionIds.hash(id) + "}";
    }

    @Test
    void aHashWrittenBy010LoadsWithTheLibrarysRecordsApartFromTheApplicationsValues() throws Exception {
        String id = SessionIds.generate();
        String key = new SessionKeys(this.namespace).of(id);
        Map<String, String> fields = new LinkedHashMap<>();
        this.codec.parse(getClass().getResourceAsStream("hash-0.1.0.json").readAllBytes())
            .properties()
            .forEach((field) -> fields.put(field.getKey(), field.getValue().asString()));
        this.redis.opsForHash().putAll(key, fields);
        this.redis.expire(key, Duration.ofMinutes(30));
        SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));
        Clock clock = Clock.fixed(this.now.plusSeconds(60), ZoneOffset.UTC);
        SessionLifecycle request = new SessionLifecycle(this.store, this.codec, settings, clock, id);
        SessionMap session = request.map();

        assertThat(session).hasSize(2)
            .containsOnlyKeys("count", "cart")
            .containsEntry("cart", List.of("apple", "pear"));
        assertThat(session.getTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(session.testCookieWorked()).isTrue();
        assertThat(session.isExpireAtBrowserClose()).isTrue();
        assertThat(session.consumeFlashes()).containsExactly("Saved");
        session.merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        request.finish(false);

        assertThat(this.redis.opsForHash().entries(key)).as("records kept as fields beside the values")
            .containsEntry("d:count", "4")
            .containsEntry("d:_testcookie", "\"worked\"")
            .doesNotContainKey("d:_flash");
        assertThat(new SessionAdmin(this.store, this.codec, settings, clock).find(id).orElseThrow().data())
            .containsOnlyKeys("count", "cart");
    }

    @Test
    void aSessionStoredBy010WithItsOwnTimeoutInMillisecondsStillLoadsAndIsRewrittenInSeconds() {
        String id = SessionIds.generate();
        String key = new SessionKeys(this.namespace).of(id);
        // A hash as 0.1.0 wrote it: the own timeout (30 minutes) in milliseconds under
        // m:timeout.
        this.redis.opsForHash()
            .putAll(key,
                    Map.of("d:cart", "[\"apple\"]", "m:created", millis(this.now), "m:accessed", millis(this.now),
                            "m:expires", millis(this.now.plus(Duration.ofMinutes(30))), "m:version", "0", "m:timeout",
                            "1800000"));
        this.redis.expire(key, Duration.ofMinutes(30));

        StoredSession loaded = this.store.load(id);
        assertThat(loaded.timeout()).isEqualTo(Duration.ofMinutes(30));
        SessionWrite write = change(loaded, id, (session) -> session.put("cart", List.of("apple", "pear")));
        this.store.save(write);

        Map<Object, Object> fields = this.redis.opsForHash().entries(key);
        assertThat(fields).containsEntry("m:timeout_s", "1800").doesNotContainKey("m:timeout");
        assertThat(this.store.load(id).timeout()).isEqualTo(Duration.ofMinutes(30));
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    @Test
    void aSavedSessionLoadsBackFromOneHashNamedByTheHashOfTheId() {
        String id = create(Map.of("count", 1, "cart", List.of("apple")));
        StoredSession loaded = this.store.load(id);
        assertThat(this.codec.decode(loaded.data())).isEqualTo(Map.of("count", 1, "cart", List.of("apple")));
        assertThat(loaded.createdAt()).isEqualTo(this.now);
        assertThat(loaded.expiresAt()).isEqualTo(this.now.plus(Duration.ofDays(1)));
        assertThat(TestRedis.keys(this.redis, this.namespace)).containsExactly(key(id)).allSatisfy((key) -> {
            assertThat(key).doesNotContain(id).endsWith("{" + SessionIds.hash(id) + "}");
        });
        assertThat(this.redis.<String, String>opsForHash().entries(key(id))).containsEntry("d:count", "1")
            .containsEntry("d:cart", "[\"apple\"]")
            .containsKeys("m:created", "m:accessed", "m:expires", "m:version");
        assertThat(this.redis.getExpire(key(id))).isBetween(Duration.ofDays(1).minusMinutes(1).toSeconds(),
                Duration.ofDays(1).toSeconds());
    }

    /**
     * A key of a value's map cut in the middle of an emoji holds an unpaired surrogate,
     * which Jackson writes as an escape its parser of bytes refuses.
     */
    @Test
    void aValueWithKeysCutInTheMiddleOfAnEmojiLoadsBack() {
        String emoji = "\uD83D\uDE00";
        Map<String, Object> values = Map.of("tags",
                Map.of(emoji.substring(1) + "x", "low", "x" + emoji.substring(0, 1), "high"));
        String id = create(values);
        assertThat(this.codec.decode(this.store.load(id).data())).isEqualTo(values);
    }

    @Test
    void unknownAndMalformedTokensLoadAsNothing() {
        create(Map.of("count", 1));
        assertThat(this.store.load(SessionIds.generate())).isNull();
        assertThat(this.store.load("*")).isNull();
        assertThat(this.store.load("x".repeat(5000))).isNull();
    }

    @Test
    void aChangeWritesOnlyTheChangedFieldsSoConcurrentWritesToOtherKeysAreKept() {
        String id = create(Map.of("a", "x", "b", "x", "gone", true));
        StoredSession first = this.store.load(id);
        StoredSession second = this.store.load(id);
        assertThat(this.store.save(change(first, id, (map) -> map.put("a", "first")))).isEqualTo(id);
        assertThat(this.store.save(change(second, id, (map) -> {
            map.put("b", "second");
            map.remove("gone");
        }))).isEqualTo(id);
        assertThat(values(id)).isEqualTo(Map.of("a", "first", "b", "second"));
    }

    @Test
    void concurrentMergesAreReplayedOnTheFreshValueSoNoIncrementIsLost() {
        String id = create(Map.of("count", 1));
        StoredSession first = this.store.load(id);
        StoredSession second = this.store.load(id);
        StoredSession third = this.store.load(id);
        Consumer<Map<String, Object>> increment = (map) -> map.merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
        assertThat(this.store.save(change(first, id, increment))).isEqualTo(id);
        assertThat(this.store.save(change(second, id, increment))).isEqualTo(id);
        assertThat(this.store.save(change(third, id, (map) -> {
            map.put("other", "x");
            map.compute("count", (key, value) -> (Integer) value * 10);
        }))).isEqualTo(id);
        assertThat(values(id)).isEqualTo(Map.of("count", 30, "other", "x"));
    }

    @Test
    void aStaleRecomputingWriteIsReappliedOnTheValueTheScriptReturnedInOneMoreRoundTrip() {
        List<String> sent = new CopyOnWriteArrayList<>();
        this.factory.getRequiredNativeClient().addListener(new CommandListener() {

            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent.add(event.getCommand().getType().toString());
            }
        });
        String id = create(Map.of("count", 1));
        Consumer<Map<String, Object>> increment = (map) -> map.merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
        SessionWrite first = change(this.store.load(id), id, increment);
        SessionWrite second = change(this.store.load(id), id, increment);
        assertThat(this.store.save(first)).isEqualTo(id);
        sent.clear();
        assertThat(this.store.save(second)).isEqualTo(id);
        // The first call reports the count the first writer left; the second writes its
        // increment.
        assertThat(sent).containsExactly("EVALSHA", "EVALSHA");
        assertThat(values(id)).isEqualTo(Map.of("count", 3));
    }

    @Test
    void aLateWriteOrTouchDoesNotBringBackADeletedSession() {
        String id = create(Map.of("member", "ann"));
        StoredSession late = this.store.load(id);
        this.store.delete(this.store.load(id));
        assertThat(this.store.save(change(late, id, (map) -> map.put("x", 1)))).isNull();
        assertThat(
                this.store.save(SessionWrite.touch(late, this.now.plusSeconds(60), this.now.plus(Duration.ofDays(2)))))
            .isNull();
        assertThat(this.store.save(change(late, SessionIds.generate(), (map) -> map.put("x", 1)))).isNull();
        assertThat(TestRedis.keys(this.redis, this.namespace)).isEmpty();
    }

    @Test
    void rotationMovesTheDataToTheNewIdAndKeepsAConcurrentChange() {
        String id = create(Map.of("cart", List.of("apple"), "count", 1));
        StoredSession rotating = this.store.load(id);
        this.store
            .save(change(this.store.load(id), id, (map) -> map.merge("count", 1, (x, y) -> (Integer) x + (Integer) y)));
        String newId = SessionIds.generate();
        assertThat(this.store.save(change(rotating, newId, (map) -> map.put("member", "ann")))).isEqualTo(newId);
        assertThat(this.store.load(id)).isNull();
        assertThat(values(newId)).isEqualTo(Map.of("cart", List.of("apple"), "count", 2, "member", "ann"));
        assertThat(TestRedis.keys(this.redis, this.namespace)).containsExactly(key(newId));
    }

    @Test
    void clearDropsEveryOtherKey() {
        String id = create(Map.of("a", 1, "b", 2));
        StoredSession loaded = this.store.load(id);
        this.store.save(change(loaded, id, (map) -> {
            map.clear();
            map.put("c", 3);
        }));
        assertThat(values(id)).isEqualTo(Map.of("c", 3));
    }

    @Test
    void aTouchRefreshesTheAccessTimeAndTtlWithoutChangingDataOrGoingBackwards() {
        String id = create(Map.of("a", 1));
        StoredSession loaded = this.store.load(id);
        this.redis.expire(key(id), Duration.ofMinutes(1));
        Instant later = this.now.plus(Duration.ofHours(1));
        assertThat(this.store.save(SessionWrite.touch(loaded, later, later.plus(Duration.ofDays(1))))).isEqualTo(id);
        StoredSession touched = this.store.load(id);
        assertThat(touched.version()).isEqualTo(loaded.version());
        assertThat(touched.lastAccessedAt()).isEqualTo(later);
        assertThat(touched.expiresAt()).isEqualTo(later.plus(Duration.ofDays(1)));
        assertThat(this.redis.getExpire(key(id))).isGreaterThan(Duration.ofHours(23).toSeconds());

        this.store.save(
                SessionWrite.touch(loaded, this.now.plusSeconds(1), this.now.plusSeconds(1).plus(Duration.ofDays(1))));
        assertThat(this.store.load(id).lastAccessedAt()).isEqualTo(later);
    }

    @Test
    void aMalformedHashLoadsAsNothing() {
        String id = create(Map.of("a", 1));
        this.redis.opsForHash().put(key(id), "d:a", "{not json");
        assertThat(this.store.load(id)).isNull();
    }

    @Test
    void anUnreachableRedisFailsWithASessionStoreException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LettuceConnectionFactory down = TestRedis.connect("redis://127.0.0.1:" + port);
        try {
            RedisSessionStore unreachable = new RedisSessionStore(down, this.codec, this.namespace);
            assertThatExceptionOfType(SessionStoreException.class)
                .isThrownBy(() -> unreachable.load(SessionIds.generate()))
                .withMessageContaining("Redis");
        }
        finally {
            down.destroy();
        }
    }

}
