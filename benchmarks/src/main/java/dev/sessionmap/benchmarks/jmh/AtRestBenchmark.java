package dev.sessionmap.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.AtRestSealer;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.jdbc.SessionTable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code app.session.encrypt-at-rest} costs: a read and a {@code /counter} request
 * (read + write) of the datastore store on H2 in memory, off and on, and the sealing
 * alone, of a whole row (the datastore) and of each value (Redis).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AtRestBenchmark {

    /** "off": plain JSON; "on": sealed. */
    @Param({ "off", "on" })
    public String encrypt;

    /** "small": ten small values; "large": the same and a cart, over 3 KB of JSON. */
    @Param({ "small", "large" })
    public String session;

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private SingleConnectionDataSource dataSource;

    private JdbcSessionStore store;

    private AtRestSealer sealer = AtRestSealer.plain();

    private String id = "";

    private String idHash = "";

    private String json = "";

    private String storedRow = "";

    private final List<String[]> storedFields = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.sealer = AtRestSealer.of(Base64.getEncoder().encodeToString(secret), List.of(), "on".equals(this.encrypt));
        this.dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                true);
        SessionTable table = SessionTable.defaultTable();
        try (InputStream schema = JdbcSessionStore.class.getResourceAsStream("schema-h2.sql")) {
            for (String sql : table.resolve(new String(schema.readAllBytes(), StandardCharsets.UTF_8)).split(";")) {
                if (!sql.isBlank()) {
                    new JdbcTemplate(this.dataSource).execute(sql);
                }
            }
        }
        this.store = new JdbcSessionStore(this.dataSource, table, this.codec, Duration.ZERO, 3, this.sealer);
        Map<String, Object> values = "small".equals(this.session) ? SessionFixtures.small() : large();
        ObjectNode data = this.codec.newData();
        values.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
        Instant now = this.clock.instant();
        this.id = this.store.save(SessionWrite.create(SessionIds.generate(), data, now, now.plus(Duration.ofDays(14))));
        this.idHash = SessionIds.hash(this.id);
        this.json = this.codec.write(data);
        this.storedRow = this.sealer.seal(this.json, this.idHash, "");
        data.properties().forEach((property) -> {
            String field = "d:" + property.getKey();
            this.storedFields.add(new String[] { field,
                    this.sealer.seal(new String(this.codec.writeBytes(property.getValue()), StandardCharsets.UTF_8),
                            this.idHash, field) });
        });
        System.out.println("Session '" + this.session + "', encrypt " + this.encrypt + ": " + this.json.length()
                + " bytes of JSON stored as " + this.storedRow.length() + " characters");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.dataSource.destroy();
    }

    private Map<String, Object> large() {
        for (int items = 1;; items++) {
            Map<String, Object> candidate = SessionFixtures.withCart(items);
            ObjectNode data = this.codec.newData();
            candidate.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
            if (this.codec.write(data).length() >= SessionFixtures.LARGE_MIN_BYTES) {
                return candidate;
            }
        }
    }

    /** A request that reads the session: one SELECT, the data opened and parsed. */
    @Benchmark
    public StoredSession datastoreRead() {
        return this.store.load(this.id);
    }

    /** The /counter request: read, count + 1, the row written (sealed when on). */
    @Benchmark
    public CookieUpdate datastoreCounter() {
        SessionLifecycle lifecycle = new SessionLifecycle(this.store, this.codec, this.settings, this.clock, this.id);
        SessionMap map = lifecycle.map();
        map.put("count", map.get("count", 0) + 1);
        return lifecycle.finish(false);
    }

    /** The data column of a write: sealed when on, as it is when off. */
    @Benchmark
    public String sealRow() {
        return this.sealer.seal(this.json, this.idHash, "");
    }

    /** The data column of a read. */
    @Benchmark
    public String openRow() {
        return this.sealer.open(this.storedRow, this.idHash, "");
    }

    /** Every value of a Redis hash opened, as a Redis read does. */
    @Benchmark
    public void openFields(Blackhole blackhole) {
        for (String[] field : this.storedFields) {
            blackhole.consume(this.sealer.open(field[1], this.idHash, field[0]));
        }
    }

}
