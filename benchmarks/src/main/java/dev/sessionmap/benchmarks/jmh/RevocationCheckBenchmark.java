package dev.sessionmap.benchmarks.jmh;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
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

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.sessionmap.core.CachingPrincipalEpochs;
import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.core.SessionClient;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.store.cookie.SecureCookieCodec;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;
import dev.sessionmap.store.jdbc.JdbcPrincipalEpochs;
import dev.sessionmap.store.jdbc.SessionTable;
import dev.sessionmap.store.redis.RedisPrincipalEpochs;

/**
 * What the revocation check adds to a logged-in request on the secure-cookie store: the
 * whole {@code /read} request (open the cookie, check the user's epoch, read a value,
 * nothing written) with the check off, behind the cache, and reading the epoch every time
 * from H2 in memory, PostgreSQL and Redis; and the epoch lookup alone. PostgreSQL and
 * Redis are those {@code SESSIONMAP_POSTGRES_URL}/{@code _USER} and
 * {@code SESSIONMAP_REDIS_URL} name (the cases fail without them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RevocationCheckBenchmark {

    private static final String USER = "ann@example.com";

    private static final String TABLE = "bench_principal_epoch";

    /**
     * "off": no epochs; "cached": the default 5 s cache over H2; "h2", "postgres",
     * "redis": every request reads the epoch (app.session.revocation.cache-ttl=0);
     * "redis-cached": the default cache over Redis.
     */
    @Param({ "off", "cached", "h2", "postgres", "redis", "redis-cached" })
    public String check;

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Clock clock = Clock.systemUTC();

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));

    private SecureCookieSessionStore store;

    private SessionHooks hooks = SessionHooks.NONE;

    private @Nullable PrincipalEpochs epochs;

    private List<String> cookie = List.of();

    private @Nullable AutoCloseable resource;

    @Setup(Level.Trial)
    public void logIn() throws Exception {
        SecureCookieCodec sealer = new SecureCookieCodec(keys(), "sessionid");
        this.store = new SecureCookieSessionStore(sealer, this.codec, 120);
        this.epochs = switch (this.check) {
            case "off" -> null;
            case "cached" -> cached(h2());
            case "h2" -> h2();
            case "postgres" -> postgres();
            case "redis" -> redis();
            case "redis-cached" -> cached(redis());
            default -> throw new IllegalArgumentException(this.check);
        };
        this.hooks = new SessionHooks(SessionListener.NONE, this.epochs);
        if (this.epochs != null) {
            this.epochs.advance(USER);
        }
        SessionLifecycle lifecycle = lifecycle(List.of());
        lifecycle.map().putAll(SessionFixtures.small());
        lifecycle.map().setPrincipalName(USER);
        CookieUpdate update = lifecycle.finish(false);
        this.cookie = List.of(update.value());
        if (!USER.equals(lifecycle(this.cookie).map().getPrincipalName())) {
            throw new IllegalStateException("The logged-in cookie does not load");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (this.resource != null) {
            this.resource.close();
        }
    }

    private SessionLifecycle lifecycle(List<String> tokens) {
        return new SessionLifecycle(this.store, this.codec, this.settings, this.clock, () -> tokens, List::of,
                SessionClient.UNKNOWN, this.hooks);
    }

    private PrincipalEpochs cached(PrincipalEpochs epochs) {
        return new CachingPrincipalEpochs(epochs, Duration.ofSeconds(5), 10_000, this.clock);
    }

    private PrincipalEpochs h2() {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                "jdbc:h2:mem:revocation;DB_CLOSE_DELAY=-1", true);
        return table(dataSource);
    }

    private PrincipalEpochs postgres() {
        String url = required("SESSIONMAP_POSTGRES_URL");
        DriverManagerDataSource connections = new DriverManagerDataSource(url,
                System.getenv().getOrDefault("SESSIONMAP_POSTGRES_USER", ""),
                System.getenv().getOrDefault("SESSIONMAP_POSTGRES_PASSWORD", ""));
        // One connection kept open, as a pool would keep it: the cost measured is the
        // query's.
        SingleConnectionDataSource dataSource;
        try {
            dataSource = new SingleConnectionDataSource(connections.getConnection(), true);
        }
        catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
        this.resource = dataSource::destroy;
        return table(dataSource);
    }

    private PrincipalEpochs table(javax.sql.DataSource dataSource) {
        new org.springframework.jdbc.core.JdbcTemplate(dataSource).execute("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (principal VARCHAR(255) NOT NULL PRIMARY KEY, epoch BIGINT NOT NULL)");
        return new JdbcPrincipalEpochs(dataSource, SessionTable.named(TABLE), Duration.ZERO);
    }

    private PrincipalEpochs redis() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(required("SESSIONMAP_REDIS_URL")));
        factory.afterPropertiesSet();
        factory.start();
        this.resource = factory::destroy;
        return new RedisPrincipalEpochs(factory, "sessionmap-bench");
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set " + variable + " for this case");
        }
        return value;
    }

    private static SecureCookieKeys keys() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return SecureCookieKeys.of(Base64.getEncoder().encodeToString(secret), List.of());
    }

    /**
     * The /read request of a logged-in user: open the cookie, check the epoch, read a
     * value; nothing is written.
     */
    @Benchmark
    public CookieUpdate read() {
        SessionLifecycle lifecycle = lifecycle(this.cookie);
        if (lifecycle.map().get("count", 0) < 0) {
            throw new IllegalStateException();
        }
        return lifecycle.finish(false);
    }

    /** The epoch lookup alone, as the check makes it. */
    @Benchmark
    public long epoch() {
        PrincipalEpochs epochs = this.epochs;
        return (epochs != null) ? epochs.current(USER) : 0;
    }

}
