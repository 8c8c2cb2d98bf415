package dev.sessionmap.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.autoconfigure.SessionSchemaInitializer;
import dev.sessionmap.core.ChangeRecorder;
import dev.sessionmap.core.IndexedSession;
import dev.sessionmap.core.PurgedSession;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.AtRestSealer;
import dev.sessionmap.store.cookie.TestSecrets;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.jdbc.SessionTable;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The datastore store encrypting at rest on a real database: the data column sealed for
 * its row, old plain rows still read, rows moved between sessions refused, key rotation
 * and turning the option off. Each database has a subclass; each test a table of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractAtRestDatastoreTests {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private static final String CARD = "4111 1111 1111 1111";

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.now();

    private final String secret = TestSecrets.random();

    private final AtRestSealer sealing = AtRestSealer.of(this.secret, List.of(), true);

    private @Nullable String unavailable;

    private TestDatabase database;

    private HikariDataSource dataSource;

    private SessionTable table;

    /** The suite's database, aborting when this kind is not available. */
    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void start() {
        try {
            this.database = openDatabase();
        }
        catch (TestAbortedException ex) {
            this.unavailable = ex.getMessage();
            return;
        }
        this.dataSource = new HikariDataSource();
        this.dataSource.setJdbcUrl(this.database.url);
        this.dataSource.setUsername(this.database.username);
        this.dataSource.setPassword(this.database.password);
        this.dataSource.setMaximumPoolSize(3);
    }

    @AfterAll
    void stop() throws Exception {
        if (this.dataSource != null) {
            this.dataSource.close();
        }
        if (this.database != null) {
            this.database.close();
        }
    }

    @BeforeEach
    void newTable() {
        assumeTrue(this.unavailable == null, this.unavailable);
        this.table = SessionTable.named("at_rest_" + TABLES.incrementAndGet());
        new SessionSchemaInitializer(this.dataSource, this.table, DatabaseInitializationMode.ALWAYS)
            .initializeDatabase();
    }

    private JdbcSessionStore store(AtRestSealer sealer) {
        return new JdbcSessionStore(this.dataSource, this.table, this.codec, Duration.ofSeconds(30), 3, sealer);
    }

    private String create(JdbcSessionStore store, Map<String, Object> values, Instant expiresAt) {
        ObjectNode data = this.codec.newData();
        values.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
        return store
            .save(SessionWrite.create(SessionIds.generate(), data, expiresAt.minus(Duration.ofHours(1)), expiresAt));
    }

    private String create(JdbcSessionStore store, Map<String, Object> values) {
        return create(store, values, this.now.plus(Duration.ofDays(1)));
    }

    private SessionWrite change(StoredSession loaded, String id, Consumer<Map<String, Object>> handler) {
        SessionChanges changes = ChangeRecorder.record(this.codec, loaded, handler);
        return SessionWrite
            .update(loaded, changes.applyTo(loaded.data(), this.codec), changes, this.now,
                    this.now.plus(Duration.ofDays(1)))
            .movedTo(id);
    }

    private static void increment(Map<String, Object> map) {
        map.merge("count", 1, (x, y) -> (Integer) x + (Integer) y);
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(this.dataSource);
    }

    private String rawData(String id) {
        return jdbc().queryForObject("SELECT data FROM " + this.table + " WHERE id_hash = ?", String.class,
                SessionIds.hash(id));
    }

    private @Nullable Object value(JdbcSessionStore store, String id, String key) {
        StoredSession loaded = store.load(id);
        assertThat(loaded).as("session").isNotNull();
        return this.codec.decode(key, loaded.data().get(key), Object.class);
    }

    @Test
    void theDataColumnIsSealedWhileTheUserColumnStaysPlainForLookUps() {
        JdbcSessionStore store = store(this.sealing);
        String id = create(store, Map.of("card", CARD, SessionRecords.PRINCIPAL, "ann"));
        assertThat(rawData(id)).startsWith("~").doesNotContain("4111", "card", "ann");
        assertThat(jdbc().queryForObject("SELECT principal_name FROM " + this.table + " WHERE id_hash = ?",
                String.class, SessionIds.hash(id)))
            .isEqualTo("ann");
        assertThat(value(store, id, "card")).isEqualTo(CARD);
        assertThat(store.findByPrincipal("ann", this.now)).singleElement()
            .satisfies((session) -> assertThat(session.data().get("card").asString()).isEqualTo(CARD));
    }

    @Test
    void concurrentWritesOfASealedRowAreReappliedOnTheFreshRow() {
        JdbcSessionStore store = store(this.sealing);
        String id = create(store, Map.of("count", 0));
        StoredSession first = store.load(id);
        StoredSession second = store.load(id);
        assertThat(store.save(change(first, id, AbstractAtRestDatastoreTests::increment))).isEqualTo(id);
        assertThat(store.save(change(second, id, AbstractAtRestDatastoreTests::increment))).isEqualTo(id);
        assertThat(value(store, id, "count")).isEqualTo(2);
        assertThat(rawData(id)).startsWith("~");
    }

    @Test
    void plainRowsOfBeforeStayReadableAndAreSealedOnTheNextRequest() {
        String id = create(store(AtRestSealer.plain()), Map.of("count", 0, "card", CARD));
        String untouched = create(store(AtRestSealer.plain()), Map.of("card", CARD));
        JdbcSessionStore store = store(this.sealing);
        assertThat(value(store, id, "card")).isEqualTo(CARD);
        assertThat(store.save(change(store.load(id), id, AbstractAtRestDatastoreTests::increment))).isEqualTo(id);
        assertThat(rawData(id)).startsWith("~").doesNotContain("4111");
        assertThat(value(store, id, "count")).isEqualTo(1);
        assertThat(rawData(untouched)).contains("4111");
        StoredSession loaded = store.load(untouched);
        assertThat(loaded.resave()).as("outdated").isTrue();
        assertThat(store.save(SessionWrite.touch(loaded, this.now, this.now.plus(Duration.ofDays(1)))))
            .as("a request that changes nothing")
            .isEqualTo(untouched);
        assertThat(rawData(untouched)).startsWith("~").doesNotContain("4111");
        assertThat(store.load(untouched).resave()).isFalse();
        assertThat(value(store, untouched, "card")).isEqualTo(CARD);
    }

    @Test
    void aSealedDataColumnMovedToAnotherRowMakesThatSessionAbsent() {
        JdbcSessionStore store = store(this.sealing);
        String a = create(store, Map.of("card", CARD, SessionRecords.PRINCIPAL, "ann"));
        String b = create(store, Map.of("card", "5500 0000 0000 0004", SessionRecords.PRINCIPAL, "ann"));
        jdbc().update("UPDATE " + this.table + " SET data = ? WHERE id_hash = ?", rawData(a), SessionIds.hash(b));
        assertThat(store.load(b)).isNull();
        assertThat(value(store, a, "card")).isEqualTo(CARD);
        assertThat(store.findByPrincipal("ann", this.now)).extracting(IndexedSession::idHash)
            .containsExactly(SessionIds.hash(a));
        assertThat(store.save(change(store.load(a), a, AbstractAtRestDatastoreTests::increment))).isEqualTo(a);
    }

    @Test
    void aPreviousSecretStillOpensRowsAndTheNextWriteUsesTheNewOne() {
        String id = create(store(this.sealing), Map.of("card", CARD));
        String next = TestSecrets.random();
        JdbcSessionStore rotated = store(AtRestSealer.of(next, List.of(this.secret), true));
        assertThat(value(rotated, id, "card")).isEqualTo(CARD);
        assertThat(store(AtRestSealer.of(next, List.of(), true)).load(id)).as("before the next write").isNull();
        StoredSession loaded = rotated.load(id);
        assertThat(loaded.resave()).as("sealed with a previous secret").isTrue();
        assertThat(rotated.save(SessionWrite.touch(loaded, this.now, this.now.plus(Duration.ofDays(1)))))
            .as("a request that changes nothing")
            .isEqualTo(id);
        assertThat(value(store(AtRestSealer.of(next, List.of(), true)), id, "card")).isEqualTo(CARD);
        assertThat(store(this.sealing).load(id)).as("the old secret alone").isNull();
        assertThat(store(AtRestSealer.plain()).load(id)).as("no secret").isNull();
    }

    @Test
    void turnedOffItStillReadsSealedRowsAndWritesPlain() {
        String id = create(store(this.sealing), Map.of("count", 0, "card", CARD));
        JdbcSessionStore off = store(AtRestSealer.of(this.secret, List.of(), false));
        assertThat(value(off, id, "card")).isEqualTo(CARD);
        off.save(change(off.load(id), id, AbstractAtRestDatastoreTests::increment));
        assertThat(rawData(id)).startsWith("{").contains(CARD);
        assertThat(value(off, id, "count")).isEqualTo(1);
        assertThat(off.load(id).resave()).isFalse();
    }

    @Test
    void anIdRotationSealsTheRowForItsNewIdAndThePurgeStillKnowsItsUser() {
        JdbcSessionStore store = store(this.sealing);
        String longName = "x".repeat(300);
        String id = create(store, Map.of("card", CARD, SessionRecords.PRINCIPAL, longName));
        String newId = SessionIds.generate();
        assertThat(store.save(change(store.load(id), newId, AbstractAtRestDatastoreTests::increment))).isEqualTo(newId);
        assertThat(store.load(id)).isNull();
        assertThat(value(store, newId, "card")).isEqualTo(CARD);
        assertThat(rawData(newId)).startsWith("~").doesNotContain("4111");
        String expired = create(store, Map.of(SessionRecords.PRINCIPAL, longName), this.now.minusSeconds(1));
        assertThat(store.purgeExpired(this.now, 10).sessions()).extracting(PurgedSession::principal)
            .as("a name longer than the column is read from the sealed data")
            .containsExactly(longName);
        assertThat(store.load(expired)).isNull();
    }

}
