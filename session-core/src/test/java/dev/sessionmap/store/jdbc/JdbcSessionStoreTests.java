package dev.sessionmap.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import dev.sessionmap.core.IndexedSession;
import dev.sessionmap.core.PurgeBatch;
import dev.sessionmap.core.PurgedSession;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The datastore store on H2, with the shipped H2 schema file. */
class JdbcSessionStoreTests {

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private String url;

    private DataSource dataSource;

    private JdbcSessionStore store;

    @BeforeEach
    void start() throws Exception {
        this.url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        this.dataSource = new DriverManagerDataSource(this.url);
        createTable(SessionTable.defaultTable());
        this.store = new JdbcSessionStore(this.dataSource, SessionTable.defaultTable(), this.codec,
                Duration.ofSeconds(5), 5);
    }

    private void createTable(SessionTable table) throws Exception {
        String schema = new String(getClass().getResourceAsStream("schema-h2.sql").readAllBytes(),
                StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(this.url);
                Statement statement = connection.createStatement()) {
            for (String sql : table.resolve(schema).split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    private ObjectNode data(Map<String, Object> values) {
        ObjectNode data = this.codec.newData();
        values.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
        return data;
    }

    private String create(Map<String, Object> values) {
        String id = SessionIds.generate();
        return this.store.save(SessionWrite.create(id, data(values), this.now, this.now.plus(Duration.ofDays(1))));
    }

    private SessionWrite change(StoredSession previous, String id, ObjectNode data, SessionChanges changes) {
        return SessionWrite.update(previous, data, changes, this.now.plusSeconds(5), this.now.plus(Duration.ofDays(1)))
            .movedTo(id);
    }

    private List<String> storedKeys() throws Exception {
        return storedKeys("sessionmap_session");
    }

    private List<String> storedKeys(String table) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(this.url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id_hash FROM " + table)) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    @Test
    void aSavedSessionLoadsBackAndTheTableHoldsOnlyTheHashOfTheId() throws Exception {
        String id = create(Map.of("count", 1));
        StoredSession loaded = this.store.load(id);
        assertThat(loaded).isNotNull();
        assertThat(this.codec.decode(loaded.data())).isEqualTo(Map.of("count", 1));
        assertThat(loaded.expiresAt()).isEqualTo(this.now.plus(Duration.ofDays(1)));
        assertThat(storedKeys()).containsExactly(SessionIds.hash(id)).doesNotContain(id);
    }

    @Test
    void unknownAndMalformedTokensLoadAsNothing() {
        create(Map.of("count", 1));
        assertThat(this.store.load(SessionIds.generate())).isNull();
        assertThat(this.store.load("' OR '1'='1")).isNull();
        assertThat(this.store.load("x".repeat(5000))).isNull();
    }

    @Test
    void aConcurrentWriteIsReplayedKeyByKey() {
        String id = create(Map.of("count", 1, "a", "x"));
        StoredSession first = this.store.load(id);
        StoredSession second = this.store.load(id);

        ObjectNode firstData = data(Map.of("count", 1, "a", "first"));
        SessionChanges firstChanges = changesOf(first, (map) -> map.put("a", "first"));
        assertThat(this.store.save(change(first, id, firstData, firstChanges))).isEqualTo(id);

        SessionChanges secondChanges = changesOf(second, (map) -> {
            map.put("b", "second");
            map.merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
        });
        assertThat(
                this.store.save(change(second, id, data(Map.of("count", 2, "a", "x", "b", "second")), secondChanges)))
            .isEqualTo(id);

        StoredSession result = this.store.load(id);
        assertThat(this.codec.decode(result.data())).isEqualTo(Map.of("count", 2, "a", "first", "b", "second"));
        assertThat(result.version()).isEqualTo(2);
    }

    @Test
    void staleWritesAreReplayedOntoTheFreshRowAtTheSecondTry() {
        JdbcSessionStore twoTries = new JdbcSessionStore(this.dataSource, SessionTable.defaultTable(), this.codec,
                Duration.ofSeconds(5), 2);
        String id = create(Map.of("count", 0));
        List<StoredSession> stale = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stale.add(twoTries.load(id));
        }
        for (int i = 0; i < stale.size(); i++) {
            int own = i;
            SessionChanges changes = changesOf(stale.get(i), (map) -> {
                map.put("k" + own, own);
                map.merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
            });
            assertThat(twoTries.save(change(stale.get(i), id, data(Map.of("count", 1, "k" + own, own)), changes)))
                .isEqualTo(id);
        }
        assertThat(this.codec.decode(twoTries.load(id).data()))
            .isEqualTo(Map.of("count", 5, "k0", 0, "k1", 1, "k2", 2, "k3", 3, "k4", 4));
    }

    @Test
    void aWriteAfterTheSessionWasDeletedDoesNotBringItBack() throws Exception {
        String id = create(Map.of("member", 1));
        StoredSession late = this.store.load(id);
        this.store.delete(this.store.load(id));
        SessionChanges changes = changesOf(late, (map) -> map.put("x", 1));
        assertThat(this.store.save(change(late, id, data(Map.of("member", 1, "x", 1)), changes))).isNull();
        assertThat(storedKeys()).isEmpty();
    }

    @Test
    void rotationMovesTheDataToTheNewId() {
        String id = create(Map.of("cart", List.of("apple")));
        StoredSession loaded = this.store.load(id);
        String newId = SessionIds.generate();
        assertThat(this.store.save(change(loaded, newId, loaded.data(), SessionChanges.none()))).isEqualTo(newId);
        assertThat(this.store.load(id)).isNull();
        assertThat(this.codec.decode(this.store.load(newId).data())).isEqualTo(Map.of("cart", List.of("apple")));
    }

    @Test
    void aTouchRefreshesExpiryWithoutChangingTheVersion() {
        String id = create(Map.of("a", 1));
        StoredSession loaded = this.store.load(id);
        Instant later = this.now.plus(Duration.ofHours(1));
        this.store.save(SessionWrite.touch(loaded, later, later.plus(Duration.ofDays(1))));
        StoredSession touched = this.store.load(id);
        assertThat(touched.version()).isEqualTo(loaded.version());
        assertThat(touched.lastAccessedAt()).isEqualTo(later);
        assertThat(touched.expiresAt()).isEqualTo(later.plus(Duration.ofDays(1)));
    }

    @Test
    void purgeDeletesOnlyExpiredSessionsInBoundedBatches() {
        String live = create(Map.of("a", 1));
        for (int i = 0; i < 5; i++) {
            String id = SessionIds.generate();
            this.store.save(SessionWrite.create(id, data(Map.of()), this.now, this.now.plusSeconds(10)));
        }
        Instant later = this.now.plusSeconds(60);
        assertThat(this.store.purgeExpired(later, 2).sessions()).hasSize(2);
        assertThat(this.store.purgeExpired(later, 2).sessions()).hasSize(2);
        assertThat(this.store.purgeExpired(later, 2).sessions()).hasSize(1);
        assertThat(this.store.purgeExpired(later, 2).sessions()).isEmpty();
        assertThat(this.store.load(live)).isNotNull();
    }

    /**
     * Writes leave the purge time where it was (so that they change no indexed column): a
     * session kept alive past its first expiry is found due by the purge, kept and
     * counted, then purged, and reported, once it really expires.
     */
    @Test
    void aSessionKeptAlivePastItsFirstExpiryIsKeptByThePurgeUntilItExpires() {
        String id = this.store
            .save(SessionWrite.create(SessionIds.generate(), data(Map.of("a", 1)), this.now, this.now.plusSeconds(10)));
        String expired = this.store
            .save(SessionWrite.create(SessionIds.generate(), data(Map.of()), this.now, this.now.plusSeconds(10)));
        Instant later = this.now.plusSeconds(5);
        Instant expiry = later.plus(Duration.ofHours(1));
        this.store.save(SessionWrite.touch(this.store.load(id), later, expiry));

        Instant due = this.now.plusSeconds(60);
        assertThat(this.store.count(due)).as("the touched session, due but alive").isOne();
        PurgeBatch batch = this.store.purgeExpired(due, 10);
        assertThat(batch.sessions()).extracting(PurgedSession::idHash).containsExactly(SessionIds.hash(expired));
        assertThat(batch.deleted()).as("deleted and kept").isEqualTo(2);
        assertThat(this.store.purgeExpired(due, 10)).isEqualTo(PurgeBatch.NONE);
        assertThat(this.store.load(id).expiresAt()).isEqualTo(expiry);
        assertThat(this.store.count(due)).isOne();

        assertThat(this.store.purgeExpired(expiry.minusMillis(1), 10)).as("not due again before it expires")
            .isEqualTo(PurgeBatch.NONE);
        Instant after = expiry.plusSeconds(1);
        assertThat(this.store.purgeExpired(after, 10).sessions()).extracting(PurgedSession::idHash)
            .containsExactly(SessionIds.hash(id));
        assertThat(this.store.count(after)).isZero();
    }

    /** A write that moves the expiry earlier brings the purge forward with it. */
    @Test
    void aSessionWhoseExpiryMovesEarlierIsPurgedWhenItNowExpires() {
        String id = create(Map.of("a", 1));
        Instant later = this.now.plusSeconds(5);
        this.store.save(SessionWrite.touch(this.store.load(id), later, later.plusSeconds(10)));
        Instant after = this.now.plusSeconds(60);
        assertThat(this.store.count(after)).isZero();
        assertThat(this.store.purgeExpired(after, 10).sessions()).extracting(PurgedSession::idHash)
            .containsExactly(SessionIds.hash(id));
    }

    @Test
    void rotateMovesTheSessionAndLeavesTheForwardingEntryOnlyIfTheVersionStillMatches() {
        String id = create(Map.of("a", 1));
        StoredSession loaded = this.store.load(id);
        String newId = SessionIds.generate();
        Instant until = this.now.plusSeconds(30);
        SessionWrite forward = SessionWrite.create(id, data(Map.of("_moved", Map.of("until", 1))), until, until)
            .withCreatedAt(loaded.createdAt());

        StoredSession stale = new StoredSession(id, loaded.data(), loaded.createdAt(), loaded.lastAccessedAt(),
                loaded.expiresAt(), null, loaded.version() + 7, false);
        assertThat(this.store.rotate(change(stale, newId, loaded.data(), SessionChanges.none()), forward)).isNull();
        assertThat(this.store.load(newId)).as("nothing written on a version mismatch").isNull();
        assertThat(this.codec.decode(this.store.load(id).data())).isEqualTo(Map.of("a", 1));

        assertThat(this.store.rotate(change(loaded, newId, loaded.data(), SessionChanges.none()), forward))
            .isEqualTo(newId);
        assertThat(this.codec.decode(this.store.load(newId).data())).isEqualTo(Map.of("a", 1));
        StoredSession entry = this.store.load(id);
        assertThat(entry.data().has("_moved")).isTrue();
        assertThat(entry.expiresAt()).isEqualTo(until);
        assertThat(entry.version()).as("a late writer of the old version cannot overwrite the entry")
            .isGreaterThan(loaded.version());
    }

    @Test
    void countIncludesOnlyUnexpiredSessions() {
        create(Map.of("a", 1));
        create(Map.of("b", 2));
        this.store.save(SessionWrite.create(SessionIds.generate(), data(Map.of()), this.now, this.now.plusSeconds(10)));
        assertThat(this.store.count(this.now)).isEqualTo(3);
        assertThat(this.store.count(this.now.plusSeconds(10))).isEqualTo(2);
    }

    @Test
    void aRowWrittenBy010LoadsWithTheLibrarysRecordsApartFromTheApplicationsValues() throws Exception {
        String id = SessionIds.generate();
        String json = new String(getClass().getResourceAsStream("row-data-0.1.0.json").readAllBytes(),
                StandardCharsets.UTF_8)
            .strip();
        try (Connection connection = DriverManager.getConnection(this.url);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO sessionmap_session (id_hash, data,"
                        + " created_at, last_accessed_at, expires_at, timeout_seconds, version) VALUES (?, ?, ?, ?, ?, NULL, 4)")) {
            insert.setString(1, SessionIds.hash(id));
            insert.setString(2, json);
            insert.setLong(3, this.now.toEpochMilli());
            insert.setLong(4, this.now.toEpochMilli());
            insert.setLong(5, this.now.plus(Duration.ofDays(14)).toEpochMilli());
            insert.executeUpdate();
        }
        SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));
        Clock clock = Clock.fixed(this.now.plusSeconds(60), ZoneOffset.UTC);
        SessionLifecycle request = new SessionLifecycle(this.store, this.codec, settings, clock, id);
        SessionMap session = request.map();

        assertThat(session).hasSize(2).containsOnlyKeys("count", "cart").containsEntry("count", 3);
        assertThat(session.keySet()).containsExactly("count", "cart");
        assertThat(session.containsKey("_flash")).isFalse();
        assertThat(session.testCookieWorked()).isTrue();
        assertThat(session.isExpireAtBrowserClose()).isTrue();
        assertThat(request.records().get("_flashmaps")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
        assertThat(session.consumeFlashes()).containsExactly("Saved");
        session.put("count", 4);
        request.finish(false);

        ObjectNode stored = this.store.load(id).data();
        assertThat(stored.propertyNames()).as("records kept beside the values, in the same object")
            .containsExactlyInAnyOrder("count", "cart", "_flashmaps", "_testcookie", "_browser_close", "_id_at", "_ua",
                    "_ip");
        assertThat(stored.get("count").asInt()).isEqualTo(4);
        SessionAdmin admin = new SessionAdmin(this.store, this.codec, settings, clock);
        assertThat(admin.find(id).orElseThrow().data()).containsOnlyKeys("count", "cart");
    }

    @Test
    void flashMessagesFromConcurrentRequestsAreAllKept() {
        String id = create(Map.of("a", 1));
        SessionSettings settings = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1));
        Clock clock = Clock.fixed(this.now.plusSeconds(1), ZoneOffset.UTC);
        SessionLifecycle one = new SessionLifecycle(this.store, this.codec, settings, clock, id);
        SessionLifecycle two = new SessionLifecycle(this.store, this.codec, settings, clock, id);
        one.map().flash("one");
        two.map().flash("two");
        one.finish(false);
        two.finish(false);
        SessionLifecycle next = new SessionLifecycle(this.store, this.codec, settings, clock, id);
        assertThat(next.map().consumeFlashes()).containsExactly("one", "two");
    }

    @Test
    void parallelRequestsThatAllRotateTheIdConvergeOnOneNewIdWithAllTheirChanges() {
        String id = create(Map.of("a", 1));
        SessionSettings settings = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1))
            .withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));
        Clock clock = Clock.fixed(this.now.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        SessionLifecycle one = new SessionLifecycle(this.store, this.codec, settings, clock, id);
        SessionLifecycle two = new SessionLifecycle(this.store, this.codec, settings, clock, id);
        one.map().put("one", 1);
        two.map().put("two", 2);
        String first = one.finish(false).value();
        String second = two.finish(false).value();
        assertThat(first).isNotEqualTo(id).isEqualTo(second);
        SessionLifecycle late = new SessionLifecycle(this.store, this.codec, settings, clock, id);
        assertThat(late.map()).containsEntry("a", 1).containsEntry("one", 1).containsEntry("two", 2);
        assertThat(late.finish(false).value()).as("the old id hands out the new one").isEqualTo(first);
    }

    @Test
    void aLateWriteFromAClockThatFindsNoRotationDueJoinsTheRotationInsteadOfLandingOnTheForwardingEntry() {
        String id = create(Map.of("a", 1));
        SessionSettings settings = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1))
            .withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));
        Clock behind = Clock.fixed(this.now.plus(Duration.ofMinutes(59)), ZoneOffset.UTC);
        SessionLifecycle late = new SessionLifecycle(this.store, this.codec, settings, behind, id);
        late.map().put("late", true);
        Clock due = Clock.fixed(this.now.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        SessionLifecycle rotating = new SessionLifecycle(this.store, this.codec, settings, due, id);
        rotating.map().put("one", 1);
        String rotated = rotating.finish(false).value();
        assertThat(rotated).isNotEqualTo(id);

        assertThat(late.finish(false).value()).as("the new id, not the replaced one").isEqualTo(rotated);
        assertThat(this.codec.decode(this.store.load(rotated).data()))
            .isEqualTo(Map.of("a", 1, "one", 1, "late", true, "_id_at", due.millis()));
        assertThat(this.store.load(id).data().propertyNames()).as("the forwarding entry as it was")
            .containsExactly("_moved");
    }

    @Test
    void corruptStoredDataLoadsAsNothing() throws Exception {
        String id = create(Map.of("a", 1));
        try (Connection connection = DriverManager.getConnection(this.url);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE sessionmap_session SET data = 'not json'");
        }
        assertThat(this.store.load(id)).isNull();
    }

    @Test
    void aTableOfAnotherNameInAnotherSchemaHoldsTheSessions() throws Exception {
        try (Connection connection = DriverManager.getConnection(this.url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA web");
        }
        SessionTable table = SessionTable.named("web.visitor_session");
        createTable(table);
        this.store = new JdbcSessionStore(this.dataSource, table, this.codec, Duration.ofSeconds(5), 5);
        String id = create(Map.of("count", 1));
        assertThat(this.codec.decode(this.store.load(id).data())).isEqualTo(Map.of("count", 1));
        assertThat(storedKeys("web.visitor_session")).containsExactly(SessionIds.hash(id));
        assertThat(storedKeys()).isEmpty();
        assertThat(this.store.count(this.now)).isEqualTo(1);
        assertThat(this.store.purgeExpired(this.now.plus(Duration.ofDays(2)), 10).sessions()).hasSize(1);
        assertThat(table.indexName()).isEqualTo("visitor_session_expires_idx");
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierIsRefused() {
        assertThat(SessionTable.named("Sessions_2").name()).isEqualTo("Sessions_2");
        for (String name : new String[] { "", "2sessions", "a.b.c", "sessions;DROP TABLE x", "\"quoted\"", "a b",
                "web.", ".web", "x".repeat(52) }) {
            assertThatIllegalArgumentException().as(name)
                .isThrownBy(() -> SessionTable.named(name))
                .withMessageContaining("plain SQL table name");
        }
    }

    @Test
    void aSessionWriteStaysOutOfTheApplicationsTransactionEvenThroughATransactionAwareProxy() throws Exception {
        DataSource aware = new TransactionAwareDataSourceProxy(this.dataSource);
        JdbcSessionStore store = new JdbcSessionStore(aware, SessionTable.defaultTable(), this.codec,
                Duration.ofSeconds(5), 5);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
        String[] id = new String[1];
        transaction.executeWithoutResult((status) -> {
            id[0] = store.save(SessionWrite.create(SessionIds.generate(), data(Map.of("a", 1)), this.now,
                    this.now.plus(Duration.ofDays(1))));
            status.setRollbackOnly();
        });
        assertThat(storedKeys()).as("kept although the application rolled back")
            .containsExactly(SessionIds.hash(id[0]));
    }

    private final SessionSettings rotating = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1))
        .withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));

    /** A request at {@code at} on the session {@code id} (none for a new one). */
    private SessionLifecycle request(Instant at, String id) {
        return new SessionLifecycle(this.store, this.codec, this.rotating, Clock.fixed(at, ZoneOffset.UTC), id);
    }

    /** A new session logged in as {@code user} at {@code now}; its id. */
    private String logIn(String user) {
        SessionLifecycle request = request(this.now, null);
        request.map().put("cart", "apple");
        request.map().setPrincipalName(user);
        return request.finish(false).value();
    }

    private List<String> sessionsOf(String user, Instant at) {
        return this.store.findByPrincipal(user, at).stream().map(IndexedSession::idHash).toList();
    }

    @Test
    void aUsersLiveSessionsAreListedWithTheirDataAndNobodyElses() {
        String first = logIn("ann");
        String second = logIn("ann");
        logIn("bob");
        logIn("Ann");
        logIn("ann ");
        create(Map.of("anonymous", true));
        SessionLifecycle early = request(this.now.minus(Duration.ofDays(2)), null);
        early.map().setPrincipalName("ann");
        early.finish(false);

        List<IndexedSession> sessions = this.store.findByPrincipal("ann", this.now.plusSeconds(1));
        assertThat(sessions).extracting(IndexedSession::idHash)
            .as("expired and other users' sessions left out, names compared exactly")
            .containsExactlyInAnyOrder(SessionIds.hash(first), SessionIds.hash(second));
        IndexedSession one = sessions.get(0);
        assertThat(SessionRecords.principalOf(one.data())).isEqualTo("ann");
        assertThat(one.data().get("cart").asString()).isEqualTo("apple");
        assertThat(one.createdAt()).isEqualTo(this.now);
        assertThat(one.expiresAt()).isEqualTo(this.now.plus(Duration.ofDays(1)));
        assertThat(sessionsOf("ann", this.now.plus(Duration.ofDays(1)))).as("all expired").isEmpty();
        assertThat(sessionsOf("nobody", this.now)).isEmpty();
    }

    @Test
    void theListFollowsLogOutAChangeOfUserAndPeriodicRotationWithoutForwardingEntries() {
        String id = logIn("ann");
        Instant later = this.now.plus(Duration.ofMinutes(10));
        SessionLifecycle switchUser = request(later, id);
        switchUser.map().setPrincipalName("bob");
        String bobs = switchUser.finish(false).value();
        assertThat(sessionsOf("ann", later)).isEmpty();
        assertThat(sessionsOf("bob", later)).containsExactly(SessionIds.hash(bobs));

        Instant due = this.now.plus(Duration.ofHours(2));
        SessionLifecycle rotation = request(due, bobs);
        rotation.map().put("n", 1);
        String rotated = rotation.finish(false).value();
        assertThat(rotated).isNotEqualTo(bobs);
        assertThat(this.store.load(bobs).data().propertyNames()).as("the forwarding entry").containsExactly("_moved");
        assertThat(sessionsOf("bob", due)).containsExactly(SessionIds.hash(rotated));

        SessionLifecycle logOut = request(due, rotated);
        logOut.map().setPrincipalName(null);
        String anonymous = logOut.finish(false).value();
        assertThat(this.store.load(anonymous)).isNotNull();
        assertThat(sessionsOf("bob", due)).isEmpty();
    }

    @Test
    void aUserNameTheColumnCannotHoldIsListedAllTheSameAndConfusedWithNoOther() {
        String longName = "x".repeat(300);
        String sameStart = "x".repeat(299) + "y";
        String withNul = "ann\u0000admin";
        String digestLookAlike = "sha256:" + "0".repeat(64);
        String emoji = "\uD83D\uDE00".repeat(255);
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (String name : List.of(longName, sameStart, withNul, digestLookAlike, emoji, "ann")) {
            ids.put(name, logIn(name));
        }
        ids.forEach((name, id) -> assertThat(sessionsOf(name, this.now)).as(name).containsExactly(SessionIds.hash(id)));
    }

    @Test
    void aSessionIsDeletedByTheHashOfItsIdOnce() {
        String id = logIn("ann");
        String other = logIn("ann");
        assertThat(this.store.deleteByIdHash(SessionIds.hash(id))).isTrue();
        assertThat(this.store.deleteByIdHash(SessionIds.hash(id))).as("gone already").isFalse();
        assertThat(this.store.deleteByIdHash(id)).as("an id is not a hash").isFalse();
        assertThat(this.store.deleteByIdHash("' OR '1'='1")).isFalse();
        assertThat(this.store.load(id)).isNull();
        assertThat(sessionsOf("ann", this.now)).containsExactly(SessionIds.hash(other));
    }

    @Test
    void purgeReportsEachExpiredSessionOnceWithItsUserAndDeletesForwardingEntriesUnreported() {
        String longName = "y".repeat(300);
        String ann = logIn("ann");
        String longNamed = logIn(longName);
        String anonymous = create(Map.of("a", 1));
        SessionLifecycle rotation = request(this.now.plus(Duration.ofHours(2)), logIn("bob"));
        rotation.map().put("n", 1);
        String bobs = rotation.finish(false).value();
        Instant later = this.now.plus(Duration.ofDays(3));

        List<PurgeBatch> batches = new ArrayList<>();
        PurgeBatch batch;
        do {
            batch = this.store.purgeExpired(later, 1);
            batches.add(batch);
        }
        while (batch.deleted() > 0);

        assertThat(batches).extracting(PurgeBatch::deleted).as("one row a batch, then none").containsOnly(1, 0);
        assertThat(batches).hasSize(6);
        assertThat(batches).filteredOn((each) -> each.deleted() == 1 && each.sessions().isEmpty())
            .as("the forwarding entry: deleted, not reported")
            .hasSize(1);
        assertThat(batches.stream().flatMap((each) -> each.sessions().stream()).toList()).containsExactlyInAnyOrder(
                new PurgedSession(SessionIds.hash(ann), "ann"), new PurgedSession(SessionIds.hash(longNamed), longName),
                new PurgedSession(SessionIds.hash(anonymous), null), new PurgedSession(SessionIds.hash(bobs), "bob"));
        assertThat(this.store.count(this.now)).isZero();
    }

    @Test
    void listingAUsersSessionsReadsTheUserIndex() throws Exception {
        logIn("ann");
        try (Connection connection = DriverManager.getConnection(this.url);
                PreparedStatement explain = connection.prepareStatement(
                        "EXPLAIN " + SessionTable.defaultTable().resolve(SessionRows.SELECT_BY_PRINCIPAL))) {
            explain.setString(1, "ann");
            explain.setLong(2, this.now.toEpochMilli());
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                assertThat(plan.getString(1).toLowerCase(java.util.Locale.ROOT))
                    .contains("sessionmap_session_user_idx");
            }
        }
    }

    /**
     * The changes a request made, recorded by a real SessionMap over the loaded session.
     */
    private SessionChanges changesOf(StoredSession session,
            java.util.function.Consumer<java.util.Map<String, Object>> handler) {
        return dev.sessionmap.core.ChangeRecorder.record(this.codec, session, handler);
    }

}
