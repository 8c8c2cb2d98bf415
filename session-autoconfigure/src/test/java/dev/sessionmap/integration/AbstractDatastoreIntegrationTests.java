package dev.sessionmap.integration;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionmap.autoconfigure.SessionSchemaInitializer;
import dev.sessionmap.autoconfigure.SessionPurger;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.jdbc.SessionTable;
import dev.sessionmap.web.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The datastore store on a real database, over real HTTP: the shipped schema file,
 * concurrent requests of one session, two application instances, an unreachable database
 * and a hung one. Each database has a subclass. Two instances of the application share
 * the database: the first connects directly, the second through a {@link TcpProxy} that
 * the outage tests cut.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractDatastoreIntegrationTests {

    static final int THREADS = 32;

    static final int REQUESTS_PER_THREAD = 200;

    private @Nullable String unavailable;

    private TestDatabase database;

    private TcpProxy proxy;

    private ConfigurableApplicationContext app;

    private ConfigurableApplicationContext second;

    private int port;

    private int secondPort;

    private Gates gates;

    /**
     * The suite's database; aborts the suite, with the reason, when this kind of database
     * is not available.
     */
    protected abstract TestDatabase openDatabase();

    /**
     * Takes a lock, on {@code connection}, that makes every statement other connections
     * run on the session table wait, as a hung database would.
     */
    protected abstract void lockSessionTable(Connection connection) throws SQLException;

    @BeforeAll
    void start() {
        try {
            this.database = openDatabase();
        }
        catch (TestAbortedException ex) {
            // Skipping each test, rather than the class, puts the reason next to every
            // test in the report.
            this.unavailable = ex.getMessage();
            return;
        }
        // Two tries: after a conflict the second re-reads under a row lock, so no write
        // may ever need a third.
        this.app = IntegrationTestApplication.start(this.database.url, this.database.username, this.database.password,
                "app.session.datastore.max-attempts=2", "app.session.purge.cron=-");
        this.port = port(this.app);
        this.gates = this.app.getBean(Gates.class);
        this.proxy = new TcpProxy(this.database.server());
        // While the database is away, requests must get their 503 soon rather than queue
        // for Hikari's default 30 s.
        this.second = IntegrationTestApplication.start(this.database.urlThrough(this.proxy.port()),
                this.database.username, this.database.password, "spring.datasource.hikari.connection-timeout=5000",
                "app.session.purge.cron=-");
        this.secondPort = port(this.second);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable resource : new AutoCloseable[] { this.second, this.app, this.proxy, this.database }) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    @BeforeEach
    void databaseIsReachable() {
        assumeTrue(this.unavailable == null, this.unavailable);
        this.proxy.restore();
    }

    @Test
    void theShippedSchemaFileCreatesTableAndPurgeIndexAndRerunningItIsHarmless() throws Exception {
        // The application started with initialize-schema=always, and with JPA on
        // ddl-auto=validate beside it.
        assertThat(this.app.getBean(SessionSchemaInitializer.class).initializeDatabase()).as("run again").isTrue();
        assertThat(indexesOf("sessionmap_session"))
            .contains("sessionmap_session_purge_idx", "sessionmap_session_user_idx")
            .doesNotContain("sessionmap_session_expires_idx");
    }

    @Test
    void theShippedSchemaFileCreatesATableOfAnotherNameWhichTheStoreThenUses() throws Exception {
        SessionTable table = SessionTable.named("custom_session");
        DataSource dataSource = this.app.getBean(DataSource.class);
        SessionSchemaInitializer initializer = new SessionSchemaInitializer(dataSource, table,
                DatabaseInitializationMode.ALWAYS);
        initializer.afterPropertiesSet();
        assertThat(initializer.initializeDatabase()).as("run again").isTrue();
        assertThat(indexesOf("custom_session")).contains("custom_session_purge_idx", "custom_session_user_idx");
        JdbcSessionStore store = new JdbcSessionStore(dataSource, table, this.app.getBean(SessionCodec.class),
                Duration.ofSeconds(5), 2);
        Instant now = Instant.now();
        String id = store.save(SessionWrite.create(SessionIds.generate(),
                this.app.getBean(SessionCodec.class).newData(), now, now.plus(Duration.ofDays(1))));
        assertThat(store.load(id)).isNotNull();
        assertThat(rowCount("id_hash = '" + SessionIds.hash(id) + "'")).as("nothing in the default table").isZero();
        assertThat(store.count(now)).isOne();
    }

    private List<String> indexesOf(String name) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection connection = this.database.connect()) {
            DatabaseMetaData metadata = connection.getMetaData();
            String table = metadata.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
            try (ResultSet rows = metadata.getIndexInfo(connection.getCatalog(), connection.getSchema(), table, false,
                    false)) {
                while (rows.next()) {
                    indexes.add(String.valueOf(rows.getString("INDEX_NAME")).toLowerCase(Locale.ROOT));
                }
            }
        }
        return indexes;
    }

    @Test
    void largeAndNonAsciiValuesRoundTrip() {
        Visitor visitor = new Visitor();
        assertThat(visitor.get(this.port, "/text?size=200000").statusCode()).isEqualTo(200);
        assertThat(visitor.session(this.port)).containsEntry("text", IntegrationTestApplication.text(200_000));
    }

    @Test
    void aSessionLivesAcrossRequestsAndLogoutDeletesItsRow() throws Exception {
        Visitor visitor = new Visitor();
        assertThat(visitor.get(this.port, "/counter").body()).isEqualTo("1");
        assertThat(visitor.get(this.port, "/counter/atomic").body()).isEqualTo("2");
        assertThat(visitor.get(this.port, "/counter").body()).isEqualTo("3");
        String id = visitor.cookie;
        assertThat(rowCount("id_hash = '" + SessionIds.hash(id) + "'")).isEqualTo(1);
        visitor.get(this.port, "/logout");
        assertThat(visitor.cookie).isNull();
        assertThat(rowCount("id_hash = '" + SessionIds.hash(id) + "'")).isZero();
    }

    @Test
    void twoRequestsChangingDifferentKeysAtOnceBothKeepTheirChange() {
        Visitor visitor = visitorWith("seed", "0");
        race(visitor, "put&key=a&value=first", "put&key=b&value=second");
        assertThat(visitor.session(this.port)).containsEntry("a", "first")
            .containsEntry("b", "second")
            .containsEntry("seed", "0");
    }

    @Test
    void ofTwoRequestsWritingTheSameKeyTheLaterWriteWins() {
        Visitor visitor = visitorWith("seed", "0");
        race(visitor, "put&key=a&value=first", "put&key=a&value=second");
        assertThat(visitor.session(this.port)).containsEntry("a", "second");
    }

    @Test
    void mergeIsReplayedOnConflictSoNoIncrementIsLostUnlikeGetAndPut() {
        Visitor visitor = visitorWith("seed", "0");
        race(visitor, "merge&key=n", "merge&key=n");
        assertThat(visitor.session(this.port)).containsEntry("n", 2);
        // The classic get + put is last-writer-wins, as documented: one increment is
        // lost.
        race(visitor, "get-put&key=m", "get-put&key=m");
        assertThat(visitor.session(this.port)).containsEntry("m", 1);
    }

    @Test
    void aRequestFinishingAfterInvalidateDoesNotBringTheSessionBack() throws Exception {
        Visitor visitor = visitorWith("member", "ann");
        String id = visitor.cookie;
        String gate = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<String>> late = visitor.send(this.port,
                "/held?gate=" + gate + "&op=put&key=x&value=1");
        this.gates.awaitArrival(gate);
        assertThat(visitor.get(this.port, "/logout").statusCode()).isEqualTo(200);
        this.gates.open(gate);
        assertThat(late.get().statusCode()).isEqualTo(200);
        assertThat(rowCount("id_hash = '" + SessionIds.hash(id) + "'")).isZero();
        visitor.cookie = id;
        assertThat(visitor.session(this.port)).isEmpty();
    }

    @Test
    void aRequestFinishingAfterLoginDoesNotLogTheVisitorOut() throws Exception {
        Visitor visitor = visitorWith("cart", "apple");
        String gate = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<String>> late = visitor.send(this.port,
                "/held?gate=" + gate + "&op=put&key=x&value=1");
        this.gates.awaitArrival(gate);
        visitor.get(this.port, "/login");
        String loggedIn = visitor.cookie;
        this.gates.open(gate);
        assertThat(late.get().statusCode()).isEqualTo(200);
        assertThat(visitor.cookie).isEqualTo(loggedIn);
        assertThat(visitor.session(this.port)).containsEntry("member", "ann").containsEntry("cart", "apple");
    }

    @Test
    void thirtyTwoThreadsOfOneSessionLoseNothingAndGetNoServerError() throws Exception {
        Visitor visitor = visitorWith("seed", "0");
        OneSessionLoad load = OneSessionLoad.run(this.port, visitor, THREADS, REQUESTS_PER_THREAD);
        System.out.println(load.summary(this.database.name));
        assertThat(load.serverErrors()).as("5xx responses").isZero();
        assertThat(load.ok()).isEqualTo(THREADS * REQUESTS_PER_THREAD);
        Map<String, Object> session = visitor.session(this.port);
        for (int thread = 0; thread < THREADS; thread++) {
            assertThat(session).containsEntry("thread-" + thread, REQUESTS_PER_THREAD - 1);
        }
        assertThat(session).containsEntry("count", load.ok());
        assertThat((String) session.get("shared")).matches("\\d+/\\d+");
    }

    @Test
    void everyStoreStatementIsBoundedByTheQueryTimeout() throws Exception {
        SessionCodec codec = this.app.getBean(SessionCodec.class);
        JdbcSessionStore store = new JdbcSessionStore(this.app.getBean(DataSource.class), SessionTable.defaultTable(),
                codec, Duration.ofSeconds(1), 3);
        Visitor visitor = visitorWith("seed", "0");
        String id = visitor.cookie;
        StoredSession loaded = store.load(id);
        Instant now = Instant.now();
        Instant later = now.plus(Duration.ofDays(1));
        Map<String, Callable<?>> calls = new LinkedHashMap<>();
        calls.put("SELECT (load)", () -> store.load(id));
        calls.put("UPDATE (write)",
                () -> store.save(SessionWrite.update(loaded, loaded.data(), SessionChanges.none(), now, later)));
        calls.put("UPDATE (touch)", () -> store.save(SessionWrite.touch(loaded, now, later)));
        calls.put("INSERT (new session)",
                () -> store.save(SessionWrite.create(SessionIds.generate(), codec.newData(), now, later)));
        calls.put("DELETE (invalidate)", () -> {
            store.delete(loaded);
            return null;
        });
        calls.put("DELETE (purge)", () -> store.purgeExpired(now, 10).deleted());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection locker = this.database.connect()) {
            lockSessionTable(locker);
            for (Map.Entry<String, Callable<?>> call : calls.entrySet()) {
                long began = System.nanoTime();
                Future<?> result = executor.submit(call.getValue());
                try {
                    result.get(10, TimeUnit.SECONDS);
                    fail(call.getKey() + " completed although the table was locked");
                }
                catch (ExecutionException ex) {
                    assertThat(ex.getCause()).as(call.getKey()).isInstanceOf(SessionStoreException.class);
                }
                catch (TimeoutException ex) {
                    fail(call.getKey() + " was still waiting after 10 s: the query timeout does not apply to it");
                }
                Duration took = Duration.ofNanos(System.nanoTime() - began);
                assertThat(took).as(call.getKey()).isLessThan(Duration.ofSeconds(5));
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(store.load(id)).as("usable once the lock is gone").isNotNull();
    }

    @Test
    void whileTheDatabaseIsUnreachableOnlyRequestsNeedingTheSessionFailWith503AndThenRecover(CapturedOutput output) {
        Visitor visitor = new Visitor();
        assertThat(visitor.get(this.secondPort, "/counter").body()).isEqualTo("1");
        int logged = output.getAll().length();
        this.proxy.cut();
        HttpResponse<String> untouched = visitor.get(this.secondPort, "/noop");
        assertThat(untouched.statusCode()).isEqualTo(200);
        assertThat(untouched.body()).isEqualTo("ok");
        HttpResponse<String> needy = visitor.get(this.secondPort, "/counter");
        assertThat(needy.statusCode()).isEqualTo(503);
        assertThat(needy.body()).doesNotContain("Exception", "\tat ");
        List<String> log = output.getAll().substring(logged).lines().toList();
        List<String> ours = log.stream().filter((line) -> line.contains("Session store unavailable")).toList();
        assertThat(ours).hasSize(1);
        assertThat(ours.get(0)).contains("GET /counter", "503");
        List<String> after = log.subList(log.indexOf(ours.get(0)) + 1, log.size());
        assertThat(after.isEmpty() || !after.get(0).startsWith("\tat ")).as("no stack trace after our line").isTrue();
        this.proxy.restore();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> visitor.get(this.secondPort, "/counter").statusCode() == 200);
        assertThat(visitor.session(this.secondPort)).containsEntry("count", 2);
        freshPool();
    }

    @ParameterizedTest(name = "empty body: {0}")
    @ValueSource(booleans = { false, true })
    void aSaveThatCannotReachTheDatabaseAnswers503AndKeepsNothing(boolean empty, CapturedOutput output) {
        Visitor visitor = new Visitor();
        visitor.get(this.secondPort, "/put?key=a&value=before");
        String gate = UUID.randomUUID().toString();
        Gates gates = this.second.getBean(Gates.class);
        CompletableFuture<HttpResponse<String>> request = visitor.send(this.secondPort,
                "/held?gate=" + gate + "&op=put&key=a&value=after&empty=" + empty);
        gates.awaitArrival(gate);
        int logged = output.getAll().length();
        this.proxy.cut();
        gates.open(gate);
        assertThat(request.join().statusCode()).isEqualTo(503);
        assertThat(output.getAll().substring(logged))
            .containsPattern("(Session store unavailable|Session could not" + " be saved).*503.*\\R(?!\\tat )");
        this.proxy.restore();
        await().atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .untilAsserted(() -> assertThat(visitor.session(this.secondPort)).containsEntry("a", "before"));
        freshPool();
    }

    @Test
    void aSessionStartedOnOneInstanceContinuesOnAnotherAndBothKeepTheirWrites() throws Exception {
        int other = this.secondPort;
        Visitor visitor = new Visitor();
        assertThat(visitor.get(this.port, "/counter").body()).isEqualTo("1");
        assertThat(visitor.get(other, "/counter").body()).isEqualTo("2");
        assertThat(visitor.get(this.port, "/counter").body()).isEqualTo("3");
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(visitor.send((i % 2 == 0) ? this.port : other, "/counter/atomic"));
            requests.add(visitor.send((i % 2 == 0) ? other : this.port, "/put?key=k" + i + "&value=" + i));
        }
        requests.forEach((request) -> assertThat(request.join().statusCode()).isEqualTo(200));
        Map<String, Object> session = visitor.session(other);
        assertThat(session).containsEntry("count", 43);
        for (int i = 0; i < 40; i++) {
            assertThat(session).containsEntry("k" + i, String.valueOf(i));
        }
    }

    @Test
    void thePurgeBeansOfTwoInstancesRunningAtOnceDeleteEveryExpiredRowOnceAndNothingElse() throws Exception {
        SessionPurger[] purgers = { this.app.getBean(SessionPurger.class), this.second.getBean(SessionPurger.class) };
        Visitor live = visitorWith("live", "yes");
        int expired = 3000;
        ExpiredRows.insert(this.database, expired);
        Instant now = Instant.now();
        ExecutorService executor = Executors.newFixedThreadPool(purgers.length);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (SessionPurger purger : purgers) {
                runs.add(executor.submit(purger::purge));
            }
            int deleted = 0;
            for (Future<Integer> run : runs) {
                deleted += run.get(2, TimeUnit.MINUTES);
            }
            assertThat(deleted).isEqualTo(expired);
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(ExpiredRows.count(this.database, now)).isZero();
        assertThat(live.session(this.port)).containsEntry("live", "yes");
    }

    /**
     * Replaces pooled connections the outage broke, so the tests after an outage test do
     * not meet them; the recovery itself was asserted already.
     */
    private void freshPool() {
        try {
            this.second.getBean(DataSource.class)
                .unwrap(HikariDataSource.class)
                .getHikariPoolMXBean()
                .softEvictConnections();
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Holds two requests of one session in their handlers after both loaded it, then lets
     * the first finish before the second, so the second write surely meets a newer
     * version.
     */
    private void race(Visitor visitor, String first, String second) {
        String gate = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<String>> one = visitor.send(this.port, "/held?gate=" + gate + "-1&op=" + first);
        CompletableFuture<HttpResponse<String>> two = visitor.send(this.port, "/held?gate=" + gate + "-2&op=" + second);
        this.gates.awaitArrival(gate + "-1");
        this.gates.awaitArrival(gate + "-2");
        this.gates.open(gate + "-1");
        assertThat(one.join().statusCode()).isEqualTo(200);
        this.gates.open(gate + "-2");
        assertThat(two.join().statusCode()).isEqualTo(200);
    }

    private Visitor visitorWith(String key, String value) {
        Visitor visitor = new Visitor();
        assertThat(visitor.get(this.port, "/put?key=" + key + "&value=" + value).statusCode()).isEqualTo(200);
        assertThat(visitor.cookie).isNotNull();
        return visitor;
    }

    private long rowCount(String where) throws SQLException {
        try (Connection connection = this.database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sessionmap_session WHERE " + where)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

}
