package dev.sessionmap.store.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.AtRestSealer;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store encrypting at rest, against a real Redis: each value of a session's
 * hash sealed for its session and field, with the metadata and the user index plain.
 */
class RedisAtRestTests {

    private static final String CARD = "4111 1111 1111 1111";

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final String namespace = TestRedis.namespace();

    private final String secret = secret();

    private LettuceConnectionFactory factory;

    private StringRedisTemplate redis;

    private RedisSessionStore store;

    @BeforeEach
    void connect() {
        this.factory = TestRedis.connect(TestRedis.url());
        this.redis = new StringRedisTemplate(this.factory);
        this.store = store(AtRestSealer.of(this.secret, List.of(), true));
    }

    @AfterEach
    void cleanUp() {
        if (this.factory != null) {
            TestRedis.deleteAll(this.redis, this.namespace);
            this.factory.destroy();
        }
    }

    /**
     * A fresh secret, as openssl rand -base64 32 makes one (stores do not share test
     * helpers).
     */
    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private RedisSessionStore store(AtRestSealer sealer) {
        return new RedisSessionStore(this.factory, this.codec, this.namespace, sealer);
    }

    private String create(RedisSessionStore store, Map<String, Object> values) {
        ObjectNode data = this.codec.newData();
        values.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
        return store
            .save(SessionWrite.create(SessionIds.generate(), data, this.now, this.now.plus(Duration.ofDays(1))));
    }

    private SessionWrite change(StoredSession loaded, String id, Consumer<Map<String, Object>> handler) {
        SessionChanges changes = ChangeRecorder.record(this.codec, loaded, handler);
        ObjectNode data = changes.applyTo(loaded.data(), this.codec);
        return SessionWrite
            .update(loaded, data, changes, this.now.plusSeconds(5), this.now.plusSeconds(5).plus(Duration.ofDays(1)))
            .movedTo(id);
    }

    private static void increment(Map<String, Object> map) {
        map.merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
    }

    private Map<String, String> raw(String id) {
        Map<Object, Object> entries = this.redis.opsForHash().entries(new SessionKeys(this.namespace).of(id));
        return entries.entrySet()
            .stream()
            .collect(java.util.stream.Collectors.toMap((e) -> (String) e.getKey(), (e) -> (String) e.getValue()));
    }

    private Object value(RedisSessionStore store, String id, String key) {
        StoredSession loaded = store.load(id);
        assertThat(loaded).as("session " + key).isNotNull();
        return this.codec.decode(key, loaded.data().get(key), Object.class);
    }

    @Test
    void everyValueIsSealedWhileTheMetadataAndTheUserIndexStayPlain() {
        String id = create(this.store, Map.of("card", CARD, SessionRecords.PRINCIPAL, "ann"));
        Map<String, String> raw = raw(id);
        assertThat(raw).containsKeys("d:card", "d:_principal", "m:created", "m:expires", "m:version");
        raw.forEach((field, value) -> {
            assertThat(value).as(field).doesNotContain("4111", "ann");
            assertThat(AtRestSealer.isSealed(value)).as(field).isEqualTo(field.startsWith("d:"));
        });
        assertThat(value(this.store, id, "card")).isEqualTo(CARD);
        assertThat(this.store.findByPrincipal("ann", this.now)).singleElement()
            .satisfies((session) -> assertThat(session.data().get("card").asString()).isEqualTo(CARD));
        assertThat(this.redis.opsForZSet().range(new SessionKeys(this.namespace).expiring(), 0, -1))
            .as("the user index names the user in plain")
            .contains(SessionIds.hash(id) + " ann");
        assertThat(this.store.deleteByIdHash(SessionIds.hash(id))).isTrue();
        assertThat(this.store.findByPrincipal("ann", this.now)).isEmpty();
    }

    @Test
    void recomputedValuesSurviveConcurrentWritersWhenSealed() {
        String id = create(this.store, Map.of("count", 0));
        StoredSession first = this.store.load(id);
        StoredSession second = this.store.load(id);
        assertThat(this.store.save(change(first, id, RedisAtRestTests::increment))).isEqualTo(id);
        assertThat(this.store.save(change(second, id, RedisAtRestTests::increment))).isEqualTo(id);
        assertThat(this.store.save(change(this.store.load(id), id, RedisAtRestTests::increment))).isEqualTo(id);
        assertThat(value(this.store, id, "count")).isEqualTo(3);
        assertThat(AtRestSealer.isSealed(raw(id).get("d:count"))).isTrue();
    }

    @Test
    void anUncontestedRecomputingWriteOfASealedValueIsOneScriptCall() {
        List<String> sent = new CopyOnWriteArrayList<>();
        this.factory.getRequiredNativeClient().addListener(new CommandListener() {

            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent.add(event.getCommand().getType().toString());
            }
        });
        String id = create(this.store, Map.of("count", 41));
        SessionWrite write = change(this.store.load(id), id, RedisAtRestTests::increment);
        sent.clear();
        assertThat(this.store.save(write)).isEqualTo(id);
        // Sealing is deterministic, so the script finds the value it expects.
        assertThat(sent).containsExactly("EVALSHA");
        assertThat(value(this.store, id, "count")).isEqualTo(42);
    }

    @Test
    void plainValuesOfBeforeStayReadableAndAreSealedOnTheNextWrite() {
        String id = create(store(AtRestSealer.plain()), Map.of("count", 0, "card", CARD));
        assertThat(raw(id).get("d:card")).contains("4111");
        StoredSession loaded = this.store.load(id);
        assertThat(loaded.resave()).as("outdated").isTrue();
        assertThat(this.store.save(change(loaded, id, RedisAtRestTests::increment))).isEqualTo(id);
        assertThat(raw(id).values()).noneMatch((value) -> value.contains("4111"));
        assertThat(raw(id)).allSatisfy(
                (field, value) -> assertThat(AtRestSealer.isSealed(value)).as(field).isEqualTo(field.startsWith("d:")));
        assertThat(value(this.store, id, "count")).isEqualTo(1);
        assertThat(value(this.store, id, "card")).isEqualTo(CARD);
        assertThat(this.store.load(id).resave()).isFalse();
    }

    @Test
    void aRequestThatChangesNothingSealsPlainValuesUnlessAnotherWroteMeanwhile() {
        String id = create(store(AtRestSealer.plain()), Map.of("count", 0, "card", CARD));
        StoredSession late = this.store.load(id);
        store(AtRestSealer.plain()).save(change(store(AtRestSealer.plain()).load(id), id, RedisAtRestTests::increment));
        this.store.save(SessionWrite.touch(late, this.now.plusSeconds(90), this.now.plus(Duration.ofDays(1))));
        assertThat(raw(id).get("d:count")).as("not resealed over a newer write").isEqualTo("1");
        this.store.save(
                SessionWrite.touch(this.store.load(id), this.now.plusSeconds(120), this.now.plus(Duration.ofDays(1))));
        assertThat(raw(id).values()).noneMatch((value) -> value.contains("4111"));
        assertThat(value(this.store, id, "count")).isEqualTo(1);
    }

    @Test
    void aValueMovedFromAnotherSessionOrFieldMakesTheSessionAbsent() {
        String a = create(this.store, Map.of("card", CARD, "name", "Ann"));
        String b = create(this.store, Map.of("card", "5500 0000 0000 0004"));
        String keyOfB = new SessionKeys(this.namespace).of(b);
        this.redis.opsForHash().put(keyOfB, "d:card", raw(a).get("d:card"));
        assertThat(this.store.load(b)).isNull();
        assertThat(value(this.store, a, "card")).isEqualTo(CARD);
        String keyOfA = new SessionKeys(this.namespace).of(a);
        this.redis.opsForHash().put(keyOfA, "d:name", raw(a).get("d:card"));
        assertThat(this.store.load(a)).isNull();
    }

    @Test
    void aPreviousSecretStillOpensAndAForeignOneDoesNot() {
        String id = create(this.store, Map.of("card", CARD));
        String next = secret();
        RedisSessionStore rotated = store(AtRestSealer.of(next, List.of(this.secret), true));
        assertThat(value(rotated, id, "card")).isEqualTo(CARD);
        StoredSession loaded = rotated.load(id);
        assertThat(loaded.resave()).as("sealed with a previous secret").isTrue();
        rotated.save(SessionWrite.touch(loaded, this.now.plusSeconds(90), this.now.plus(Duration.ofDays(1))));
        assertThat(store(AtRestSealer.of(next, List.of(), true)).load(id)).isNotNull();
        assertThat(store(AtRestSealer.of(secret(), List.of(), true)).load(id)).isNull();
        assertThat(store(AtRestSealer.plain()).load(id)).isNull();
    }

    @Test
    void turnedOffItStillReadsSealedValuesAndWritesPlain() {
        String id = create(this.store, Map.of("count", 0, "card", CARD));
        RedisSessionStore off = store(AtRestSealer.of(this.secret, List.of(), false));
        assertThat(value(off, id, "card")).isEqualTo(CARD);
        off.save(change(off.load(id), id, RedisAtRestTests::increment));
        assertThat(raw(id).get("d:count")).isEqualTo("1");
        assertThat(value(off, id, "count")).isEqualTo(1);
    }

    @Test
    void anIdRotationSealsTheSessionForItsNewId() {
        String id = create(this.store, Map.of("card", CARD));
        String newId = SessionIds.generate();
        assertThat(this.store.save(change(this.store.load(id), newId, RedisAtRestTests::increment))).isEqualTo(newId);
        assertThat(this.store.load(id)).isNull();
        assertThat(value(this.store, newId, "card")).isEqualTo(CARD);
        assertThat(raw(newId).values()).noneMatch((value) -> value.contains("4111"));
    }

}
