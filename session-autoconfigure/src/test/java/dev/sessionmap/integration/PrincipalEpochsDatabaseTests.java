package dev.sessionmap.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.sessionmap.autoconfigure.SessionSchemaInitializer;
import dev.sessionmap.store.jdbc.JdbcPrincipalEpochs;
import dev.sessionmap.store.jdbc.SessionTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The epoch table of cookie revocation on each database, created by the shipped schema
 * file: advancing from many threads at once counts every advance once, names compare as
 * Java compares them, and a missing table is reported for the start-up check.
 */
class PrincipalEpochsDatabaseTests {

    private static TestDatabase database(String name) {
        return switch (name) {
            case "h2" -> TestDatabase.h2();
            case "postgresql" -> TestDatabase.postgresql();
            case "mariadb" -> TestDatabase.mariadb();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static JdbcPrincipalEpochs epochs(TestDatabase database, String table, boolean create) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url, database.username,
                database.password);
        if (create) {
            new SessionSchemaInitializer(dataSource, SessionTable.named(table), DatabaseInitializationMode.ALWAYS,
                    JdbcPrincipalEpochs.SCHEMA_LOCATION)
                .initializeDatabase();
        }
        return new JdbcPrincipalEpochs(dataSource, SessionTable.named(table), java.time.Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql", "mariadb" })
    void everyConcurrentAdvanceCountsOnce(String name) throws Exception {
        try (TestDatabase database = database(name)) {
            JdbcPrincipalEpochs epochs = epochs(database, "epochs_race", true);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Long>> advances = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    advances.add(() -> epochs.advance("ann"));
                }
                List<Long> returned = new ArrayList<>();
                for (Future<Long> advance : threads.invokeAll(advances)) {
                    returned.add(advance.get());
                }
                assertThat(returned).as("each advance saw its own epoch")
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 80).boxed().toList());
                assertThat(epochs.current("ann")).isEqualTo(80);
            }
            finally {
                threads.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql", "mariadb" })
    void namesCompareExactlyAndUpToTheColumnsLength(String name) throws Exception {
        try (TestDatabase database = database(name)) {
            JdbcPrincipalEpochs epochs = epochs(database, "epochs_names", true);
            assertThat(epochs.isReadable()).isTrue();
            assertThat(epochs.current("ann")).isZero();
            assertThat(epochs.advance("ann")).isEqualTo(1);
            assertThat(epochs.advance("ann")).isEqualTo(2);
            assertThat(epochs.current("Ann")).as("another user").isZero();
            assertThat(epochs.current("ann ")).as("another user").isZero();
            String longest = "é".repeat(JdbcPrincipalEpochs.MAX_PRINCIPAL_LENGTH);
            assertThat(epochs.advance(longest)).isEqualTo(1);
            assertThat(epochs.current(longest)).isEqualTo(1);
            assertThatIllegalArgumentException().isThrownBy(() -> epochs.advance(longest + "e"));
            assertThat(epochs.current(longest + "e")).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgresql", "mariadb" })
    void aMissingTableIsReportedAsUnreadable(String name) throws Exception {
        try (TestDatabase database = database(name)) {
            assertThat(epochs(database, "epochs_never_created", false).isReadable()).isFalse();
        }
    }

}
