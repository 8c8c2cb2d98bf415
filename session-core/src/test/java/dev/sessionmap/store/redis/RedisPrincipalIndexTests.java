package dev.sessionmap.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.PurgeBatch;
import dev.sessionmap.core.PurgedSession;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.core.UserSession;
import dev.sessionmap.core.UserSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store's index of sessions by principal, against a real Redis in a namespace
 * of its own: what users list and revoke, and that the index never outlives the sessions
 * it names (spring-session #2230 is the leak this guards against).
 */
class RedisPrincipalIndexTests {

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final Clock clock = Clock.fixed(this.now, ZoneOffset.UTC);

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1));

    private final String namespace = TestRedis.namespace();

    private final SessionKeys keys = new SessionKeys(this.namespace);

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

    /** A request that logs {@code principal} in on a new session; its id. */
    private String logIn(String principal, SessionSettings settings, Clock clock) {
        SessionLifecycle request = new SessionLifecycle(this.store, this.codec, settings, clock, (String) null);
        request.map().put("cart", List.of("apple"));
        request.map().setPrincipalName(principal);
        return request.finish(false).value();
    }

    private String logIn(String principal) {
        return logIn(principal, this.settings, this.clock);
    }

    private SessionLifecycle request(String id, Clock clock) {
        return new SessionLifecycle(this.store, this.codec, this.settings, clock, id);
    }

    private UserSessions users(Clock clock) {
        return new UserSessions(this.store, clock, SessionHooks.NONE, () -> null);
    }

    private List<String> listed(String principal) {
        return users(this.clock).list(principal).stream().map(UserSession::id).toList();
    }

    /** The members of {@code principal}'s sorted set, read from Redis directly. */
    private Set<String> indexed(String principal) {
        return this.redis.opsForZSet().range(this.keys.principal(principal), 0, -1);
    }

    private static String hash(String id) {
        return SessionIds.hash(id);
    }

    @Test
    void aUsersSessionsAreListedAndNoOneElses() {
        String first = logIn("ann");
        String second = logIn("ann");
        String bobs = logIn("bob");
        SessionLifecycle anonymous = new SessionLifecycle(this.store, this.codec, this.settings, this.clock,
                (String) null);
        anonymous.map().put("cart", List.of("pear"));
        anonymous.finish(false);

        assertThat(listed("ann")).containsExactlyInAnyOrder(hash(first), hash(second));
        assertThat(listed("bob")).containsExactly(hash(bobs));
        assertThat(listed("carol")).isEmpty();
        assertThat(this.store.findByPrincipal("ann", this.now).get(0).expiresAt())
            .isEqualTo(this.now.plus(Duration.ofDays(1)));
        assertThat(TestRedis.keys(this.redis, this.namespace)).as("no key names a user")
            .noneMatch((key) -> key.contains("ann") || key.contains("bob"));
    }

    @Test
    void aRevokedOrDeletedSessionLeavesTheIndex() {
        String first = logIn("ann");
        String second = logIn("ann");
        String third = logIn("ann");

        assertThat(users(this.clock).revoke("ann", hash(first))).isTrue();
        assertThat(this.store.load(first)).isNull();
        assertThat(this.store.deleteByIdHash(hash(second))).isTrue();
        assertThat(this.store.deleteByIdHash(hash(second))).isFalse();
        assertThat(this.store.deleteByIdHash("not a hash")).isFalse();
        assertThat(listed("ann")).containsExactly(hash(third));
        assertThat(indexed("ann")).containsExactly(hash(third));

        SessionLifecycle logOut = request(third, this.clock);
        logOut.map().invalidate();
        logOut.finish(false);
        assertThat(this.redis.hasKey(this.keys.principal("ann"))).isFalse();
        assertThat(TestRedis.keys(this.redis, this.namespace)).isEmpty();
    }

    @Test
    void aSessionWhosePrincipalChangesLeavesItsFormerUsersIndex() {
        String id = logIn("ann");
        SessionLifecycle switchUser = request(id, this.clock);
        switchUser.map().setPrincipalName("bob");
        String switched = switchUser.finish(false).value();
        assertThat(listed("ann")).isEmpty();
        assertThat(this.redis.hasKey(this.keys.principal("ann"))).isFalse();
        assertThat(listed("bob")).containsExactly(hash(switched));

        SessionLifecycle inPlace = request(switched, this.clock);
        inPlace.records().put(SessionRecords.PRINCIPAL, "carol");
        assertThat(inPlace.finish(false).value()).as("no new id").isIn(switched, null);
        assertThat(this.redis.hasKey(this.keys.principal("bob"))).isFalse();
        assertThat(listed("carol")).containsExactly(hash(switched));

        SessionLifecycle logOut = request(switched, this.clock);
        logOut.map().setPrincipalName(null);
        logOut.finish(false);
        assertThat(this.store.load(switched)).as("the session lives on, anonymous").isNotNull();
        assertThat(listed("carol")).isEmpty();
        assertThat(TestRedis.keys(this.redis, this.namespace)).containsExactly(this.keys.of(switched));
    }

    @Test
    void aNewIdOnLogInOrPeriodicRotationMovesTheIndexEntryAndTheForwardingEntryIsNotListed() {
        String id = logIn("ann");
        SessionLifecycle again = request(id, this.clock);
        again.rotateId();
        again.map().put("step", 2);
        String rotated = again.finish(false).value();
        assertThat(rotated).isNotEqualTo(id);
        assertThat(indexed("ann")).containsExactly(hash(rotated));

        SessionSettings rotating = this.settings.withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));
        Clock later = Clock.fixed(this.now.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        SessionLifecycle periodic = new SessionLifecycle(this.store, this.codec, rotating, later, rotated);
        periodic.map().put("step", 3);
        String next = periodic.finish(false).value();
        assertThat(next).isNotEqualTo(rotated);
        assertThat(this.store.load(rotated).data().has("_moved")).as("the forwarding entry").isTrue();
        assertThat(indexed("ann")).containsExactly(hash(next));
        assertThat(users(later).list("ann")).extracting(UserSession::id).containsExactly(hash(next));
    }

    @Test
    void aLateTouchOfTheReplacedIdDoesNotPutItBackInTheIndex() {
        String id = logIn("ann");
        StoredSession loaded = this.store.load(id);
        SessionSettings rotating = this.settings.withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));
        Clock later = Clock.fixed(this.now.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        SessionLifecycle periodic = new SessionLifecycle(this.store, this.codec, rotating, later, id);
        periodic.map().put("step", 2);
        String next = periodic.finish(false).value();

        Instant touchedAt = later.instant().plusSeconds(1);
        assertThat(this.store.save(SessionWrite.touch(loaded, touchedAt, touchedAt.plus(Duration.ofDays(1))))).isNull();
        assertThat(indexed("ann")).containsExactly(hash(next));
        assertThat(this.store.purgeExpired(this.now.plus(Duration.ofDays(3)), 100).sessions())
            .extracting(PurgedSession::idHash)
            .as("only the session is reported when it expires, not the id it replaced")
            .containsExactly(hash(next));
    }

    @Test
    void onceAllOfAUsersSessionsExpiredTheIndexIsGoneAndThePurgeReportsEachOnce() throws Exception {
        SessionSettings short1s = new SessionSettings(Duration.ofSeconds(1), null, Duration.ofMinutes(1));
        Clock real = Clock.systemUTC();
        String first = logIn("ann", short1s, real);
        String second = logIn("ann", short1s, real);
        assertThat(indexed("ann")).hasSize(2);

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(this.redis.hasKey(this.keys.principal("ann")))
                .as("the user's index expired by itself")
                .isFalse());
        assertThat(users(real).list("ann")).isEmpty();
        assertThat(this.store.purgeExpired(real.instant(), 100).sessions())
            .containsExactlyInAnyOrder(new PurgedSession(hash(first), "ann"), new PurgedSession(hash(second), "ann"));
        assertThat(this.store.purgeExpired(real.instant(), 100)).isEqualTo(PurgeBatch.NONE);
        assertThat(TestRedis.keys(this.redis, this.namespace)).as("nothing of the user is left in Redis").isEmpty();
    }

    @Test
    void expiredSessionsOfAUserWhoStaysLoggedInElsewhereLeaveTheIndex() throws Exception {
        SessionSettings short1s = new SessionSettings(Duration.ofSeconds(1), null, Duration.ofMinutes(1));
        Clock real = Clock.systemUTC();
        String expiring = logIn("ann", short1s, real);
        String staying = logIn("ann", this.settings, real);

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(users(real).list("ann")).extracting(UserSession::id)
                .containsExactly(hash(staying)));
        assertThat(this.store.purgeExpired(real.instant(), 100).sessions())
            .containsExactly(new PurgedSession(hash(expiring), "ann"));
        assertThat(indexed("ann")).containsExactly(hash(staying));
        assertThat(this.redis.opsForZSet().size(this.keys.expiring())).isOne();
    }

    @Test
    void withoutAnyPurgeEntriesExpiredLongerThanTheWindowAreDroppedByTheNextWrite() {
        SessionSettings short1m = new SessionSettings(Duration.ofMinutes(1), null, Duration.ofMinutes(1));
        logIn("ann", short1m, this.clock);
        logIn("ann", short1m, this.clock);
        Clock later = Clock.fixed(this.now.plus(PrincipalIndex.WINDOW).plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        String current = logIn("ann", short1m, later);
        assertThat(indexed("ann")).containsExactly(hash(current));
        assertThat(this.redis.opsForZSet().size(this.keys.expiring())).isOne();
        assertThat(this.redis.getExpire(this.keys.principal("ann"))).as("seconds until its last session expires")
            .isBetween(50L, 60L);
    }

    @Test
    void twoNodesPurgingAtOnceReportEachOfAThousandExpiredSessionsExactlyOnce() throws Exception {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            created.add(hash(logIn("user-" + (i % 7))));
        }
        Instant expired = this.now.plus(Duration.ofDays(2));
        RedisSessionStore other = new RedisSessionStore(this.factory, this.codec, this.namespace);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<PurgedSession>>> runs = new ArrayList<>();
            for (RedisSessionStore node : List.of(this.store, other)) {
                Callable<List<PurgedSession>> purge = () -> {
                    List<PurgedSession> all = new ArrayList<>();
                    PurgeBatch batch;
                    do {
                        batch = node.purgeExpired(expired, 50);
                        all.addAll(batch.sessions());
                    }
                    while (batch.deleted() > 0);
                    return all;
                };
                runs.add(pool.submit(purge));
            }
            List<String> reported = new ArrayList<>();
            for (Future<List<PurgedSession>> run : runs) {
                run.get().forEach((purged) -> reported.add(purged.idHash()));
            }
            assertThat(reported).hasSize(1000).doesNotHaveDuplicates();
            assertThat(new HashSet<>(reported)).isEqualTo(created);
        }
        finally {
            pool.shutdown();
        }
        assertThat(this.redis.hasKey(this.keys.expiring())).isFalse();
    }

}
