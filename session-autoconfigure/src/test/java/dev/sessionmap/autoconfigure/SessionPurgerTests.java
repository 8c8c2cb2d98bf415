package dev.sessionmap.autoconfigure;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.core.PrincipalSessionStore;
import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionEvent;
import dev.sessionmap.core.SessionExpiredEvent;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge: exactly the expired sessions go, in bounded batches, with one log line and
 * metrics per run.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionPurgerTests {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                TransactionAutoConfiguration.class, SessionAutoConfiguration.class,
                DatastoreSessionAutoConfiguration.class, ServerSessionAutoConfiguration.class,
                MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "spring.jpa.hibernate.ddl-auto=validate", "app.session.purge.cron=-")
        .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTableOf100000ExpiredAnd1000LiveSessionsEndsWithExactlyTheLiveOnes(CapturedOutput output) {
        this.runner.run((context) -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            List<String> live = insert(jdbc, 0, 1_000, NOW.plusSeconds(1));
            insert(jdbc, 1_000, 100_000, NOW.minusSeconds(1));

            SessionPurger purger = context.getBean(SessionPurger.class);
            assertThat(purger.isScheduled()).as("app.session.purge.cron=-").isFalse();
            assertThat(purger.purge()).isEqualTo(100_000);

            assertThat(new HashSet<>(jdbc.queryForList("SELECT id_hash FROM sessionmap_session", String.class)))
                .isEqualTo(new HashSet<>(live));
            assertThat(output).containsPattern("Purged 100000 expired sessions in \\d+ ms");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(SessionPurgeMetrics.COUNTER).counter().count()).isEqualTo(100_000);
            assertThat(registry.get(SessionPurgeMetrics.TIMER).timer().count()).isEqualTo(1);

            assertThat(purger.purge()).isZero();
            assertThat(output).contains("Purged 0 expired sessions in");
        });
    }

    @Test
    void twoNodesPurgingAtOnceDeleteEachSessionOnceWithoutErrors(CapturedOutput output) {
        this.runner.withPropertyValues("app.session.purge.batch-size=500").run((context) -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            List<String> live = insert(jdbc, 0, 100, NOW.plusSeconds(1));
            insert(jdbc, 100, 20_000, NOW.minusSeconds(1));
            PurgeableSessionStore store = context.getBean(PurgeableSessionStore.class);
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            SessionPurger one = new SessionPurger(store, clock, 500, null, List.of());
            SessionPurger two = new SessionPurger(store, clock, 500, null, List.of());
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(one::purge);
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(two::purge);
            assertThat(first.get() + second.get()).isEqualTo(20_000);
            assertThat(new HashSet<>(jdbc.queryForList("SELECT id_hash FROM sessionmap_session", String.class)))
                .isEqualTo(new HashSet<>(live));
            assertThat(output).doesNotContain("Session purge failed");
        });
    }

    @Test
    void eachBatchIsBoundedAndARunGoesOnUntilNothingExpiredIsLeft() {
        FakeStore store = new FakeStore(2_500);
        SessionPurger purger = new SessionPurger(store, Clock.fixed(NOW, ZoneOffset.UTC), 1_000, null, List.of());
        assertThat(purger.purge()).isEqualTo(2_500);
        assertThat(store.limits).containsExactly(1_000, 1_000, 1_000, 1_000);
        assertThat(store.deleted).containsExactly(1_000, 1_000, 500, 0);
        assertThat(store.times).containsOnly(NOW);
    }

    @Test
    void batchesOfForwardingEntriesAloneDoNotEndARun() {
        FakeStore store = new FakeStore(500);
        store.forwarding = 2_500;
        SessionPurger purger = new SessionPurger(store, Clock.fixed(NOW, ZoneOffset.UTC), 1_000, null, List.of());
        assertThat(purger.purge()).as("sessions, not entries").isEqualTo(500);
        assertThat(store.limits).hasSize(5);
        assertThat(store.deleted).containsExactly(0, 0, 0, 500, 0);
    }

    @Test
    void theAutoConfiguredPurgerPublishesOneExpiredEventPerSessionToTheApplicationAndToSessionListeners() {
        List<SessionEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        this.runner.withBean(SessionListener.class, () -> new SessionListener() {
            @Override
            public void onEvent(SessionEvent event) {
                heard.add(event);
            }
        }).withBean(ExpiredEvents.class).run((context) -> {
            PrincipalSessionStore store = context.getBean(PrincipalSessionStore.class);
            SessionCodec codec = context.getBean(SessionCodec.class);
            List<SessionExpiredEvent> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ObjectNode data = codec.newData();
                String user = (i % 2 == 0) ? "user-" + (i % 4) : null;
                if (user != null) {
                    data.put(SessionRecords.PRINCIPAL, user);
                }
                String id = store.save(SessionWrite.create(dev.sessionmap.core.SessionIds.generate(), data,
                        NOW.minus(Duration.ofHours(1)), NOW.minusSeconds(i + 1)));
                expected.add(new SessionExpiredEvent(dev.sessionmap.core.SessionIds.hash(id), user, NOW));
            }
            assertThat(context.getBean(SessionPurger.class).purge()).isEqualTo(30);
            assertThat(context.getBean(ExpiredEvents.class).events).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(heard).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    /** Hears the expired events as Spring application events. */
    static class ExpiredEvents {

        final List<SessionExpiredEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @org.springframework.context.event.EventListener
        void on(SessionExpiredEvent event) {
            this.events.add(event);
        }

    }

    @Test
    void aStoppedRunIsResumedByTheNext() {
        FakeStore store = new FakeStore(5_000);
        SessionPurger purger = new SessionPurger(store, Clock.fixed(NOW, ZoneOffset.UTC), 1_000, null, List.of());
        store.afterBatch = (batch) -> {
            if (batch == 2) {
                purger.stop();
            }
        };
        assertThat(purger.purge()).isEqualTo(2_000);
        store.afterBatch = (batch) -> {
        };
        purger.start();
        assertThat(purger.purge()).isEqualTo(3_000);
        purger.stop();
    }

    @Test
    void aStoreFailureIsLoggedWithWhatWasDoneAndTheNextRunResumes(CapturedOutput output) {
        FakeStore store = new FakeStore(3_000);
        store.failOnBatch = 2;
        List<Integer> heard = new ArrayList<>();
        SessionPurger purger = new SessionPurger(store, Clock.fixed(NOW, ZoneOffset.UTC), 1_000, null,
                List.of((count, duration) -> heard.add(count)));
        assertThat(purger.purge()).isEqualTo(1_000);
        assertThat(output).contains("Session purge failed after removing 1000 expired sessions", "database is down");
        assertThat(purger.purge()).isEqualTo(2_000);
        assertThat(heard).containsExactly(1_000, 2_000);
    }

    private static List<String> insert(JdbcTemplate jdbc, int from, int count, Instant expiresAt) {
        List<String> ids = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            ids.add(HexFormat.of().toHexDigits((long) i) + "0".repeat(48));
        }
        long expires = expiresAt.toEpochMilli();
        long created = NOW.minus(Duration.ofDays(20)).toEpochMilli();
        jdbc.batchUpdate(
                "INSERT INTO sessionmap_session (id_hash, data, created_at, last_accessed_at, expires_at, version)"
                        + " VALUES (?, '{}', ?, ?, ?, 0)",
                new BatchPreparedStatementSetter() {

                    @Override
                    public void setValues(PreparedStatement statement, int index) throws SQLException {
                        statement.setString(1, ids.get(index));
                        statement.setLong(2, created);
                        statement.setLong(3, created);
                        statement.setLong(4, expires);
                    }

                    @Override
                    public int getBatchSize() {
                        return ids.size();
                    }
                });
        return ids;
    }

    /**
     * A store with a number of expired sessions that records every batch it is asked for.
     */
    private static final class FakeStore implements PurgeableSessionStore {

        private int expired;

        /** Forwarding entries, deleted before the sessions and never reported. */
        int forwarding;

        final List<Integer> limits = new ArrayList<>();

        final List<Integer> deleted = new ArrayList<>();

        final Set<Instant> times = new HashSet<>();

        int failOnBatch;

        java.util.function.IntConsumer afterBatch = (batch) -> {
        };

        FakeStore(int expired) {
            this.expired = expired;
        }

        @Override
        public dev.sessionmap.core.PurgeBatch purgeExpired(Instant now, int limit) {
            this.limits.add(limit);
            this.times.add(now);
            if (this.limits.size() == this.failOnBatch) {
                throw new SessionStoreException("Session store unavailable: database is down");
            }
            if (this.forwarding > 0) {
                int entries = Math.min(limit, this.forwarding);
                this.forwarding -= entries;
                this.deleted.add(0);
                return new dev.sessionmap.core.PurgeBatch(entries, List.of());
            }
            int count = Math.min(limit, this.expired);
            this.expired -= count;
            this.deleted.add(count);
            this.afterBatch.accept(this.limits.size());
            return new dev.sessionmap.core.PurgeBatch(count,
                    java.util.stream.IntStream.range(0, count)
                        .mapToObj((i) -> new dev.sessionmap.core.PurgedSession("expired-" + i, null))
                        .toList());
        }

        @Override
        public @Nullable StoredSession load(String token) {
            return null;
        }

        @Override
        public @Nullable String save(SessionWrite write) {
            return write.id();
        }

        @Override
        public void delete(StoredSession session) {
        }

    }

}
