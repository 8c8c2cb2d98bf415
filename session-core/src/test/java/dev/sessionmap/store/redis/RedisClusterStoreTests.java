package dev.sessionmap.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;

import dev.sessionmap.core.PurgeBatch;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.StoredSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store on a real Redis Cluster of three primaries ({@code .ci/redis-ha start
 * cluster}): sessions spread over every primary, every one of the store's scripts runs
 * without a cross-slot error (a script whose keys lie in two slots is refused there), a
 * periodic id rotation between two slots keeps the session, and the count and the purge
 * see the sessions of every primary.
 */
class RedisClusterStoreTests {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private static final List<RedisScript<List<Object>>> SCRIPTS = List.of(SessionCommands.SAVE, SessionCommands.TOUCH,
            SessionCommands.REPLACE, SessionCommands.REMOVE_IF_UNCHANGED, SessionCommands.FORWARD,
            SessionCommands.DELETE, SessionCommands.INDEX_ADD, SessionCommands.INDEX_REMOVE,
            SessionCommands.INDEX_PURGE);

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final String namespace = TestRedis.namespace();

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1))
        .withIdRotation(Duration.ofHours(1), GRACE);

    private final List<String> sent = new CopyOnWriteArrayList<>();

    private final List<String> failed = new CopyOnWriteArrayList<>();

    private LettuceConnectionFactory factory;

    private RedisClusterConnection cluster;

    private RedisSessionStore store;

    @BeforeEach
    void connect() {
        this.factory = TestRedis.connectCluster();
        this.factory.getRequiredNativeClient().addListener(new CommandListener() {

            @Override
            public void commandStarted(CommandStartedEvent event) {
                RedisClusterStoreTests.this.sent.add(event.getCommand().getArgs().toCommandString());
            }

            @Override
            public void commandFailed(CommandFailedEvent event) {
                RedisClusterStoreTests.this.failed.add(String.valueOf(event.getCause()));
            }

        });
        this.cluster = this.factory.getClusterConnection();
        this.store = new RedisSessionStore(this.factory, this.codec, this.namespace);
    }

    @AfterEach
    void cleanUp() {
        if (this.factory != null) {
            keys().forEach((key) -> this.cluster.keyCommands().del(bytes(key)));
            this.cluster.close();
            this.factory.destroy();
        }
    }

    @Test
    void sessionsLandOnEveryPrimaryAndTheCountSeesThemAll() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(create(i));
        }
        Set<String> primaries = new HashSet<>();
        for (String id : ids) {
            RedisClusterNode node = this.cluster.clusterGetNodeForKey(bytes(key(id)));
            assertThat(node.isMaster()).isTrue();
            primaries.add(node.getId());
        }
        assertThat(primaries).as("primaries holding sessions").hasSize(3);
        assertThat(this.cluster.clusterGetNodes()).filteredOn(RedisClusterNode::isMaster).hasSize(3);
        assertThat(this.store.count(this.now)).as("the count scans every primary").isEqualTo(60);
        assertThat(this.store.count(this.now.plus(Duration.ofDays(2)))).isZero();
        assertNoFailureButUnloadedScripts();
    }

    @Test
    void everyScriptRunsOnTheSlotOfItsKeys() {
        Clock clock = Clock.fixed(this.now, ZoneOffset.UTC);
        SessionLifecycle first = new SessionLifecycle(this.store, this.codec, this.settings, clock, (String) null);
        first.map().put("count", 1);
        String id = first.finish(false).value();

        SessionLifecycle change = request(id, this.now.plusSeconds(1));
        change.map().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        change.map().setPrincipalName("ann");
        id = change.finish(false).value();

        SessionLifecycle logIn = request(id, this.now.plusSeconds(2));
        logIn.rotateId();
        String rotated = logIn.finish(false).value();
        assertThat(rotated).isNotEqualTo(id);

        SessionLifecycle touch = request(rotated, this.now.plus(Duration.ofMinutes(5)));
        assertThat(touch.map().get("count")).isEqualTo(2);
        touch.finish(false);

        SessionLifecycle write = request(rotated, this.now.plus(Duration.ofMinutes(6)));
        write.map().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        assertThat(write.finish(false).value()).isEqualTo(rotated);

        SessionLifecycle periodic = request(rotated, this.now.plus(Duration.ofHours(2)));
        periodic.map().put("count", 4);
        String next = periodic.finish(false).value();
        assertThat(next).isNotEqualTo(rotated);
        assertThat(this.store.load(rotated).data().has("_moved")).as("the forwarding entry").isTrue();

        SessionLifecycle logOut = request(next, this.now.plus(Duration.ofHours(2)));
        logOut.invalidate();
        logOut.finish(false);
        assertThat(this.store.load(next)).isNull();

        create(0, "bob");
        PurgeBatch purged = this.store.purgeExpired(this.now.plus(Duration.ofDays(3)), 100);
        assertThat(purged.sessions()).isNotEmpty();

        for (RedisScript<List<Object>> script : SCRIPTS) {
            assertThat(this.sent).as("a command naming the script %s", script.getSha1())
                .anySatisfy((command) -> assertThat(command).contains(script.getSha1()));
        }
        assertNoFailureButUnloadedScripts();
    }

    @Test
    void aPeriodicRotationBetweenTwoSlotsKeepsTheSessionUnderBothIds() {
        String id = create(7);
        String next = id;
        // Rotate until the new id lives on another primary than the old one (two in
        // three).
        for (int attempt = 0; attempt < 20 && sameNode(id, next); attempt++) {
            String current = (attempt == 0) ? id : next;
            SessionLifecycle periodic = request(current, this.now.plus(Duration.ofHours(2L * (attempt + 1))));
            periodic.map().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
            id = current;
            next = periodic.finish(false).value();
        }
        assertThat(this.cluster.clusterGetSlotForKey(bytes(key(id))))
            .isNotEqualTo(this.cluster.clusterGetSlotForKey(bytes(key(next))));
        assertThat(sameNode(id, next)).isFalse();
        StoredSession moved = this.store.load(next);
        assertThat(moved).isNotNull();
        int count = this.codec.decode("count", moved.data().get("count"), Integer.class);
        assertThat(count).isGreaterThan(7);
        assertThat(this.store.load(id).data().has("_moved")).isTrue();

        SessionLifecycle lateRequest = new SessionLifecycle(this.store, this.codec, this.settings,
                Clock.fixed(moved.lastAccessedAt().plusSeconds(1), ZoneOffset.UTC), id);
        assertThat(lateRequest.map().get("count")).as("the previous id leads to the session").isEqualTo(count);
        assertNoFailureButUnloadedScripts();
    }

    /**
     * No command failed, apart from the first {@code EVALSHA} of a script the node had
     * not loaded yet (then Spring sends {@code EVAL}); a cross-slot script would fail.
     */
    private void assertNoFailureButUnloadedScripts() {
        assertThat(this.failed).as("errors other than a script not yet loaded")
            .allSatisfy((error) -> assertThat(error).contains("NOSCRIPT"));
    }

    private boolean sameNode(String id, String other) {
        return this.cluster.clusterGetNodeForKey(bytes(key(id)))
            .getId()
            .equals(this.cluster.clusterGetNodeForKey(bytes(key(other))).getId());
    }

    private String create(int count) {
        return create(count, null);
    }

    private String create(int count, String principal) {
        SessionLifecycle request = new SessionLifecycle(this.store, this.codec, this.settings,
                Clock.fixed(this.now, ZoneOffset.UTC), (String) null);
        request.map().put("count", count);
        if (principal != null) {
            request.map().setPrincipalName(principal);
        }
        return request.finish(false).value();
    }

    private SessionLifecycle request(String id, Instant at) {
        return new SessionLifecycle(this.store, this.codec, this.settings, Clock.fixed(at, ZoneOffset.UTC), id);
    }

    private String key(String id) {
        return this.namespace + ":session:{" + SessionIds.hash(id) + "}";
    }

    private Set<String> keys() {
        Set<String> keys = new HashSet<>();
        for (RedisClusterNode node : this.cluster.clusterGetNodes()) {
            if (node.isMaster()) {
                this.cluster.scan(node, ScanOptions.scanOptions().match(this.namespace + ":*").count(1000).build())
                    .forEachRemaining((key) -> keys.add(new String(key, StandardCharsets.UTF_8)));
            }
        }
        return keys;
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

}
