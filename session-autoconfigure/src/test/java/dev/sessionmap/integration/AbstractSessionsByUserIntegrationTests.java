package dev.sessionmap.integration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.sessionmap.autoconfigure.DatastoreSessionAutoConfiguration;
import dev.sessionmap.autoconfigure.OutdatedSessionTableException;
import dev.sessionmap.autoconfigure.ServerSessionAutoConfiguration;
import dev.sessionmap.autoconfigure.SessionAutoConfiguration;
import dev.sessionmap.autoconfigure.SessionPurger;
import dev.sessionmap.autoconfigure.SessionSchemaInitializer;
import dev.sessionmap.core.IndexedSession;
import dev.sessionmap.core.PurgeBatch;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionEvent;
import dev.sessionmap.core.SessionExpiredEvent;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.jdbc.SessionTable;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sessions by user on a real database, at the store and the purger: the user index with
 * names compared exactly, the upgrade of a table created by 0.1.0, and purgers of two
 * nodes racing over the same expired sessions. Each database has a subclass; each test
 * uses a table of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSessionsByUserIntegrationTests {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final SessionCodec codec = SessionCodec.withDefaults();

    protected final Instant now = Instant.now();

    private @Nullable String unavailable;

    private TestDatabase database;

    protected HikariDataSource dataSource;

    /** The suite's database, aborting when this kind is not available. */
    protected abstract TestDatabase openDatabase();

    /** The name of the database's schema files: h2, postgresql or mysql. */
    protected abstract String platform();

    /** User names this database could not store as they are in a plain column. */
    protected abstract List<String> awkwardNames();

    @BeforeAll
    void start() {
        try {
            this.database = openDatabase();
        }
        catch (TestAbortedException ex) {
            this.unavailable = ex.getMessage();
            return;
        }
        this.dataSource = pool();
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
    void databaseIsAvailable() {
        assumeTrue(this.unavailable == null, this.unavailable);
    }

    @Test
    void aUsersSessionsAreListedWithNamesComparedExactlyAndFollowRotation() {
        SessionTable table = newTable();
        JdbcSessionStore store = store(this.dataSource, table);
        List<String> names = new ArrayList<>(List.of("ann", "Ann", "ann ", "ÄNN", "x".repeat(255), "x".repeat(256)));
        names.addAll(awkwardNames());
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : names) {
            ids.put(name, save(store, name, this.now.plus(Duration.ofDays(1))));
        }
        save(store, "ann", this.now.minusSeconds(1));
        ids.forEach((name, id) -> assertThat(idHashes(store.findByPrincipal(name, this.now))).as(name)
            .containsExactly(SessionIds.hash(id)));

        StoredSession loaded = store.load(ids.get("ann"));
        String newId = SessionIds.generate();
        SessionWrite move = SessionWrite
            .update(loaded, loaded.data(), dev.sessionmap.core.SessionChanges.none(), this.now,
                    this.now.plus(Duration.ofDays(1)))
            .movedTo(newId);
        ObjectNode forwarding = this.codec.newData();
        forwarding.putObject("_moved").put("until", this.now.plusSeconds(30).toEpochMilli());
        SessionWrite forward = SessionWrite.create(loaded.id(), forwarding, this.now, this.now.plusSeconds(30));
        assertThat(store.rotate(move, forward)).isEqualTo(newId);
        assertThat(idHashes(store.findByPrincipal("ann", this.now))).containsExactly(SessionIds.hash(newId));
        assertThat(store.deleteByIdHash(SessionIds.hash(newId))).isTrue();
        assertThat(store.findByPrincipal("ann", this.now)).isEmpty();
    }

    @Test
    void twoPurgersRacingOverTheSameExpiredSessionsPublishOneEventForEach() throws Exception {
        SessionTable table = newTable();
        JdbcSessionStore seed = store(this.dataSource, table);
        Map<String, @Nullable String> expired = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            String user = (i % 3 == 0) ? null : "user-" + (i % 40);
            expired.put(SessionIds.hash(save(seed, user, this.now.minusSeconds(1 + i % 7))), user);
        }
        for (int i = 0; i < 100; i++) {
            ObjectNode forwarding = this.codec.newData();
            forwarding.putObject("_moved").put("to", "x").put("until", 1);
            seed.save(SessionWrite.create(SessionIds.generate(), forwarding, this.now.minusSeconds(60),
                    this.now.minusSeconds(1 + i % 7)));
        }
        String live = save(seed, "user-1", this.now.plus(Duration.ofDays(1)));
        // Due among the expired (their purge time is their first expiry) but kept alive
        // by
        // a later request: the purges must keep them, each postponed once.
        List<String> revived = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = save(seed, "user-" + (i % 40), this.now.minusSeconds(1 + i % 7));
            seed.save(SessionWrite.touch(seed.load(id), this.now, this.now.plus(Duration.ofHours(1))));
            revived.add(SessionIds.hash(id));
        }
        revived.add(SessionIds.hash(live));

        Queue<SessionExpiredEvent> events = new ConcurrentLinkedQueue<>();
        SessionListener listener = new SessionListener() {
            @Override
            public void onEvent(SessionEvent event) {
                events.add((SessionExpiredEvent) event);
            }
        };
        Clock clock = Clock.fixed(this.now, ZoneOffset.UTC);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try (HikariDataSource otherNode = pool()) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (javax.sql.DataSource node : List.of(this.dataSource, otherNode)) {
                // Small batches, so the two purges meet on many of them.
                SessionPurger purger = new SessionPurger(store(node, table), clock, 25, null, List.of(), listener);
                runs.add(nodes.submit(() -> {
                    together.await();
                    return purger.purge();
                }));
            }
            List<Integer> perNode = new ArrayList<>();
            for (Future<Integer> run : runs) {
                perNode.add(run.get(2, TimeUnit.MINUTES));
            }
            System.out.println(this.database.name + ": the two purgers reported " + perNode + " sessions");
            assertThat(perNode.get(0) + perNode.get(1)).isEqualTo(1_000);
        }
        finally {
            nodes.shutdownNow();
        }
        assertThat(events).hasSize(1_000);
        Map<String, @Nullable String> published = new HashMap<>();
        events.forEach((event) -> published.put(event.sessionId(), event.principal()));
        assertThat(published).as("each expired session once, with its user, no forwarding entry").isEqualTo(expired);
        assertThat(new JdbcTemplate(this.dataSource).queryForList("SELECT id_hash FROM " + table, String.class))
            .containsExactlyInAnyOrderElementsOf(revived);
        assertThat(seed.purgeExpired(this.now, 1_000)).as("nothing due any more").isEqualTo(PurgeBatch.NONE);
        assertThat(seed.count(this.now)).isEqualTo(revived.size());
    }

    @Test
    void aTableCreatedBy010IsUpgradedByTheStatementsStartUpGivesOrByTheSchemaInitializer() throws Exception {
        assertUpgrades("sessionmap-0.1.0");
    }

    /**
     * A table from before the purge column: its expiry index and its user index on
     * {@code (principal_name, expires_at)} make every write change an indexed column.
     */
    @Test
    void aTableFromBeforeThePurgeColumnIsUpgradedByTheStatementsStartUpGivesOrByTheSchemaInitializer()
            throws Exception {
        assertUpgrades("sessionmap-pre-purge-at");
    }

    private void assertUpgrades(String release) throws Exception {
        SessionTable manual = newTable();
        createTableOf(release, manual);
        String old = saveOldRow(manual);
        WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("jakarta.persistence", "org.hibernate"))
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SessionAutoConfiguration.class,
                    DatastoreSessionAutoConfiguration.class, ServerSessionAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + this.database.url,
                    "spring.datasource.username=" + this.database.username,
                    "spring.datasource.password=" + this.database.password, "app.session.purge.cron=-");
        List<String> statements = new ArrayList<>();
        runner.withPropertyValues("app.session.datastore.table-name=" + manual)
            .withPropertyValues("app.session.datastore.initialize-schema=never")
            .run((context) -> {
                Throwable failure = context.getStartupFailure();
                while (failure != null && !(failure instanceof OutdatedSessionTableException)) {
                    failure = failure.getCause();
                }
                assertThat(failure).as("start-up failure").isInstanceOf(OutdatedSessionTableException.class);
                Map<String, List<String>> byDatabase = ((OutdatedSessionTableException) failure).getStatements();
                assertThat(byDatabase).as("for this database only").hasSize(1);
                statements.addAll(byDatabase.values().iterator().next());
            });
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        statements.forEach((sql) -> jdbc.execute(sql.substring(0, sql.length() - 1)));
        runner.withPropertyValues("app.session.datastore.table-name=" + manual)
            .withPropertyValues("app.session.datastore.initialize-schema=never")
            .run((context) -> assertListsUsersLoadsAndPurges(context.getBean(JdbcSessionStore.class), old));
        assertCurrentIndexes(manual);

        SessionTable automatic = newTable();
        createTableOf(release, automatic);
        String older = saveOldRow(automatic);
        runner.withPropertyValues("app.session.datastore.table-name=" + automatic)
            .withPropertyValues("app.session.datastore.initialize-schema=always")
            .run((context) -> assertListsUsersLoadsAndPurges(context.getBean(JdbcSessionStore.class), older));
        assertCurrentIndexes(automatic);
    }

    private void assertListsUsersLoadsAndPurges(JdbcSessionStore store, String old) {
        assertThat(store.load(old)).as("the session written before the upgrade").isNotNull();
        String id = save(store, "ann", this.now.plus(Duration.ofDays(1)));
        assertThat(idHashes(store.findByPrincipal("ann", this.now))).containsExactly(SessionIds.hash(id));
        // The old row has no purge time of its own: due at once, it is kept while alive.
        assertThat(store.count(this.now)).isEqualTo(2);
        assertThat(store.purgeExpired(this.now, 10).sessions()).isEmpty();
        assertThat(store.load(old)).as("alive after the purge").isNotNull();
        assertThat(store.purgeExpired(this.now.plus(Duration.ofDays(2)), 10).sessions()).hasSize(2);
        assertThat(store.count(this.now)).isZero();
    }

    /** The purge index on {@code purge_at}, the user index on the user alone. */
    protected void assertCurrentIndexes(SessionTable table) throws SQLException {
        Map<String, List<String>> columns = new HashMap<>();
        try (Connection connection = this.dataSource.getConnection();
                ResultSet indexes = connection.getMetaData()
                    .getIndexInfo(null, null, storedName(connection, table.name()), false, false)) {
            while (indexes.next()) {
                String index = indexes.getString("INDEX_NAME");
                if (index != null) {
                    columns.computeIfAbsent(index.toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
                        .add(indexes.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        assertThat(columns).containsEntry(table.purgeIndexName(), List.of("purge_at"))
            .containsEntry(table.userIndexName(), List.of("principal_name"))
            .doesNotContainKey(table.indexName());
    }

    private static String storedName(Connection connection, String name) throws SQLException {
        return connection.getMetaData().storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }

    protected SessionTable newTable() {
        SessionTable table = SessionTable.named("by_user_" + TABLES.incrementAndGet());
        SessionSchemaInitializer initializer = new SessionSchemaInitializer(this.dataSource, table,
                DatabaseInitializationMode.ALWAYS);
        initializer.initializeDatabase();
        return table;
    }

    protected void createTableOf(String release, SessionTable table) throws Exception {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + table);
            String schema = new String(
                    getClass().getResourceAsStream("/" + release + "/schema-" + platform() + ".sql").readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String sql : table.resolve(schema).split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** A row as the earlier releases wrote it, without a user or a purge time. */
    private String saveOldRow(SessionTable table) throws SQLException {
        String id = SessionIds.generate();
        new JdbcTemplate(this.dataSource).update(
                "INSERT INTO " + table + " (id_hash, data, created_at, last_accessed_at, expires_at, version)"
                        + " VALUES (?, '{\"count\":1}', ?, ?, ?, 0)",
                SessionIds.hash(id), this.now.toEpochMilli(), this.now.toEpochMilli(),
                this.now.plus(Duration.ofDays(1)).toEpochMilli());
        return id;
    }

    protected String save(JdbcSessionStore store, @Nullable String user, Instant expiresAt) {
        ObjectNode data = this.codec.newData();
        data.put("cart", "apple");
        if (user != null) {
            data.put(SessionRecords.PRINCIPAL, user);
        }
        Instant created = expiresAt.minus(Duration.ofHours(1));
        return store.save(SessionWrite.create(SessionIds.generate(), data, created, expiresAt));
    }

    /**
     * A data source without a pool: each connection closes after its call, and its
     * backend with it.
     */
    protected javax.sql.DataSource unpooled() {
        return new DriverManagerDataSource(this.database.url, this.database.username, this.database.password);
    }

    protected JdbcSessionStore store(javax.sql.DataSource dataSource, SessionTable table) {
        return new JdbcSessionStore(dataSource, table, this.codec, Duration.ofSeconds(30), 2);
    }

    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(this.database.url);
        pool.setUsername(this.database.username);
        pool.setPassword(this.database.password);
        pool.setMaximumPoolSize(3);
        return pool;
    }

    private static List<String> idHashes(List<IndexedSession> sessions) {
        return sessions.stream().map(IndexedSession::idHash).toList();
    }

}
