package dev.sessionmap.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the classic session API asks of the Redis store, against a real Redis in a
 * namespace of its own: periodic id rotation with a forwarding entry, counting live
 * sessions, concurrent flash messages.
 */
class RedisClassicSessionTests {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final String namespace = TestRedis.namespace();

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1))
        .withIdRotation(Duration.ofHours(1), GRACE);

    /** When every session created here is due for a new id. */
    private final Clock rotationDue = Clock.fixed(this.now.plus(Duration.ofHours(1)), ZoneOffset.UTC);

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
        return create(this.store, values, this.now.plus(Duration.ofDays(1)));
    }

    private String create(RedisSessionStore store, Map<String, Object> values, Instant expiresAt) {
        return store.save(SessionWrite.create(SessionIds.generate(), data(values), this.now, expiresAt));
    }

    private SessionLifecycle request(Clock clock, String cookie) {
        return new SessionLifecycle(this.store, this.codec, this.settings, clock, cookie);
    }

    @Test
    void aLateWriteFromAClockThatFindsNoRotationDueJoinsTheRotationInsteadOfLandingOnTheForwardingEntry() {
        String id = create(Map.of("a", 1));
        SessionLifecycle late = request(Clock.fixed(this.now.plus(Duration.ofMinutes(59)), ZoneOffset.UTC), id);
        late.map().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        late.map().put("late", true);
        SessionLifecycle rotating = request(this.rotationDue, id);
        rotating.map().put("one", 1);
        String rotated = rotating.finish(false).value();
        assertThat(rotated).isNotEqualTo(id);

        assertThat(late.finish(false).value()).as("the new id, not the replaced one").isEqualTo(rotated);
        assertThat(this.codec.decode(this.store.load(rotated).data()))
            .isEqualTo(Map.of("a", 1, "one", 1, "count", 1, "late", true, "_id_at", this.rotationDue.millis()));
        assertThat(this.store.load(id).data().propertyNames()).as("the forwarding entry as it was")
            .containsExactly("_moved");
    }

    private String key(String id) {
        return this.namespace + ":session:{" + SessionIds.hash(id) + "}";
    }

    @Test
    void rotateMovesTheSessionAndLeavesTheForwardingEntryForTheGracePeriodOnlyIfTheVersionStillMatches() {
        String id = create(Map.of("a", 1));
        StoredSession loaded = this.store.load(id);
        String newId = SessionIds.generate();
        Instant rotatedAt = this.now.plusSeconds(5);
        Instant until = rotatedAt.plus(GRACE);
        SessionWrite forward = SessionWrite.create(id, data(Map.of("_moved", Map.of("until", 1))), until, until)
            .withCreatedAt(loaded.createdAt());

        StoredSession stale = new StoredSession(id, loaded.data(), loaded.createdAt(), loaded.lastAccessedAt(),
                loaded.expiresAt(), null, loaded.version() + 7, false);
        assertThat(this.store.rotate(move(stale, newId, rotatedAt), forward)).isNull();
        assertThat(TestRedis.keys(this.redis, this.namespace)).as("the new key is deleted again")
            .containsExactly(key(id));
        assertThat(this.codec.decode(this.store.load(id).data())).isEqualTo(Map.of("a", 1));

        assertThat(this.store.rotate(move(loaded, newId, rotatedAt), forward)).isEqualTo(newId);
        assertThat(this.codec.decode(this.store.load(newId).data())).isEqualTo(Map.of("a", 1));
        assertThat(this.redis.getExpire(key(newId))).isGreaterThan(Duration.ofHours(23).toSeconds());
        StoredSession entry = this.store.load(id);
        assertThat(entry.data().has("_moved")).isTrue();
        assertThat(entry.data().properties()).hasSize(1);
        assertThat(entry.expiresAt()).isEqualTo(until);
        assertThat(this.redis.getExpire(key(id))).as("the forwarding entry's TTL is the grace period")
            .isBetween(GRACE.toSeconds() - 2, GRACE.toSeconds());
        assertThat(entry.version()).as("a late writer of the old version cannot overwrite the entry")
            .isGreaterThan(loaded.version());

        assertThat(this.store.rotate(move(loaded, SessionIds.generate(), rotatedAt), forward))
            .as("a second rotation from the same version")
            .isNull();
        assertThat(TestRedis.keys(this.redis, this.namespace)).containsExactlyInAnyOrder(key(id), key(newId));
    }

    private SessionWrite move(StoredSession previous, String newId, Instant at) {
        return SessionWrite.update(previous, previous.data(), SessionChanges.none(), at, at.plus(Duration.ofDays(1)))
            .movedTo(newId);
    }

    @Test
    void bothIdsLeadToTheSessionAtEveryStepOfAPeriodicRotation() {
        String id = create(Map.of("cart", "apple"));
        // The rotating request's client reports each command before it is sent; another
        // client then
        // looks up the session with the previous id, as a parallel request to another
        // instance would.
        LettuceConnectionFactory rotatingFactory = TestRedis.connect(TestRedis.url());
        try {
            List<Object> seen = new CopyOnWriteArrayList<>();
            rotatingFactory.getRequiredNativeClient().addListener(new CommandListener() {

                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommand().getType().toString().startsWith("EVAL")) {
                        seen.add(request(RedisClassicSessionTests.this.rotationDue, id).map().get("cart"));
                    }
                }
            });
            RedisSessionStore rotatingStore = new RedisSessionStore(rotatingFactory, this.codec, this.namespace);
            SessionLifecycle rotating = new SessionLifecycle(rotatingStore, this.codec, this.settings, this.rotationDue,
                    id);
            rotating.map().put("member", "ann");
            String newId = rotating.finish(false).value();

            assertThat(newId).isNotEqualTo(id);
            assertThat(seen).as("the previous id, before each script")
                .hasSizeGreaterThanOrEqualTo(2)
                .containsOnly("apple");
            SessionLifecycle late = request(this.rotationDue, id);
            assertThat(late.map()).containsEntry("cart", "apple").containsEntry("member", "ann");
            assertThat(late.finish(false).value()).isEqualTo(newId);
        }
        finally {
            rotatingFactory.destroy();
        }
    }

    @Test
    void parallelRequestsThatAllRotateTheIdConvergeOnOneNewIdWithAllTheirChanges() {
        String id = create(Map.of("a", 1));
        SessionLifecycle one = request(this.rotationDue, id);
        SessionLifecycle two = request(this.rotationDue, id);
        one.map().put("one", 1);
        two.map().put("two", 2);
        String first = one.finish(false).value();
        String second = two.finish(false).value();
        assertThat(first).isNotEqualTo(id).isEqualTo(second);
        assertThat(TestRedis.keys(this.redis, this.namespace)).as("the loser's new key is gone")
            .containsExactlyInAnyOrder(key(id), key(first));
        SessionLifecycle late = request(this.rotationDue, id);
        assertThat(late.map()).containsEntry("a", 1).containsEntry("one", 1).containsEntry("two", 2);
        assertThat(late.finish(false).value()).as("the old id hands out the new one").isEqualTo(first);
    }

    @Test
    void aChangeWrittenBetweenLoadingAndRotatingMovesWithTheSession() {
        String id = create(Map.of("count", 1));
        SessionLifecycle rotating = request(this.rotationDue, id);
        rotating.map().put("member", "ann");
        Clock notYetDue = Clock.fixed(this.now.plusSeconds(1), ZoneOffset.UTC);
        SessionLifecycle concurrent = request(notYetDue, id);
        concurrent.map().merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
        concurrent.finish(false);

        String newId = rotating.finish(false).value();
        assertThat(newId).isNotEqualTo(id);
        assertThat(request(this.rotationDue, newId).map()).containsEntry("count", 2).containsEntry("member", "ann");
    }

    @Test
    void aLateTouchOfThePreviousIdDoesNotExtendItsForwardingEntry() {
        String id = create(Map.of("a", 1));
        StoredSession loadedEarlier = this.store.load(id);
        SessionLifecycle rotating = request(this.rotationDue, id);
        rotating.map().put("b", 2);
        rotating.finish(false);

        Instant late = this.rotationDue.instant().plusSeconds(1);
        assertThat(this.store.save(SessionWrite.touch(loadedEarlier, late, late.plus(Duration.ofDays(1)))))
            .as("not applied, so the caller leaves the visitor's cookie alone")
            .isNull();
        assertThat(this.store.load(id).expiresAt()).isEqualTo(this.rotationDue.instant().plus(GRACE));
        assertThat(this.redis.getExpire(key(id))).isLessThanOrEqualTo(GRACE.toSeconds());
    }

    @Test
    void countIncludesOnlyUnexpiredSessionsOfItsOwnNamespace() {
        create(Map.of("a", 1));
        create(Map.of("b", 2));
        create(this.store, Map.of(), this.now.plusSeconds(10));
        // Glob characters in a namespace match only themselves: unescaped, "*" would
        // match this test's keys too.
        String globby = this.namespace + "*?[]";
        RedisSessionStore other = new RedisSessionStore(this.factory, this.codec, globby);
        String otherId = create(other, Map.of("c", 3), this.now.plus(Duration.ofDays(1)));
        try {
            assertThat(this.store.count(this.now)).isEqualTo(3);
            assertThat(this.store.count(this.now.plusSeconds(10))).isEqualTo(2);
            assertThat(other.count(this.now)).isEqualTo(1);
        }
        finally {
            this.redis.delete(globby + ":session:{" + SessionIds.hash(otherId) + "}");
        }
    }

    @Test
    void countReadsTheKeysInBatches() {
        for (int i = 0; i < 1001; i++) {
            create(Map.of("n", i));
        }
        assertThat(this.store.count(this.now)).isEqualTo(1001);
        assertThat(this.store.count(this.now.plus(Duration.ofDays(1)))).isZero();
    }

    @Test
    void aForwardingEntryCountsDuringItsGracePeriodAsOnTheDatastore() {
        String id = create(Map.of("a", 1));
        SessionLifecycle rotating = request(this.rotationDue, id);
        rotating.map().put("b", 2);
        rotating.finish(false);
        assertThat(this.store.count(this.rotationDue.instant())).isEqualTo(2);
        assertThat(this.store.count(this.rotationDue.instant().plus(GRACE))).isEqualTo(1);
    }

    @Test
    void flashMessagesFromConcurrentRequestsAreAllKept() {
        String id = create(Map.of("a", 1));
        Clock clock = Clock.fixed(this.now.plusSeconds(1), ZoneOffset.UTC);
        SessionLifecycle one = request(clock, id);
        SessionLifecycle two = request(clock, id);
        one.map().flash("one");
        two.map().flash("two");
        one.finish(false);
        two.finish(false);
        assertThat(request(clock, id).map().consumeFlashes()).containsExactlyInAnyOrder("one", "two");
    }

}
