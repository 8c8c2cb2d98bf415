package dev.sessionmap.fuzz;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionValueException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.store.cookie.SecureCookieCodec;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;
import dev.sessionmap.store.cookie.TestSecrets;
import dev.sessionmap.store.jdbc.JdbcSessionStore;
import dev.sessionmap.store.jdbc.SessionTable;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of what a session is read back from: a sealed cookie
 * whose content was never written by this version (an older version's, a bug's, or one
 * sealed with a leaked key), any cookie value at all, and a datastore row whose JSON and
 * columns were written by hand or by an older version. Whatever the input, one request on
 * it must end normally: the session loads with what can be read, or there is no session;
 * reading its values never fails but with the documented {@link SessionValueException} of
 * a typed read; the response's cookie can be written.
 * <p>
 * {@code ./mvnw verify} runs each target on its kept inputs only (regression mode, under
 * {@code src/test/resources/dev/sessionmap/fuzz/StoredDataFuzzTestsInputs}). To fuzz one
 * target: {@code JAZZER_FUZZ=1 ./mvnw -pl session-core verify
 * -Dtest='StoredDataFuzzTests#storedRowsOfAnyShape' -Dsurefire.failIfNoSpecifiedTests=false};
 * an input that fails is written there as a new regression input.
 */
class StoredDataFuzzTests {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /** Fixed, so that a run is repeatable from its input. */
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final SessionCodec codec = SessionCodec.withDefaults();

    private static final SessionSettings settings = new SessionSettings(Duration.ofDays(14), null,
            Duration.ofMinutes(1));

    private static SecureCookieCodec sealer;

    private static SecureCookieSessionStore cookies;

    private static String url;

    private static DataSource dataSource;

    private static JdbcSessionStore datastore;

    @BeforeAll
    static void stores() throws Exception {
        sealer = new SecureCookieCodec(SecureCookieKeys.of(TestSecrets.random(), List.of()), "sessionid");
        cookies = new SecureCookieSessionStore(sealer, codec, 120);
        url = "jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        dataSource = new SingleConnectionDataSource(url, true);
        String schema = new String(JdbcSessionStore.class.getResourceAsStream("schema-h2.sql").readAllBytes(),
                StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : SessionTable.defaultTable().resolve(schema).split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
        datastore = new JdbcSessionStore(dataSource, SessionTable.defaultTable(), codec, Duration.ofSeconds(5), 5);
        // Most fuzzed rows are unreadable, and the store warns of each with a stack
        // trace:
        // a fuzzing run wrote a gigabyte of them into its test report.
        storeLogger().setLevel(Level.ERROR);
    }

    @AfterAll
    static void storeWarnsAgain() {
        storeLogger().setLevel(null);
    }

    private static Logger storeLogger() {
        return (Logger) LoggerFactory.getLogger(JdbcSessionStore.class);
    }

    /**
     * Authentic cookies of any content: what the key holder could have sealed, including
     * earlier formats and huge or negative times.
     */
    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({ "\"i\":", "\"c\":", "\"a\":", "\"e\":", "\"t\":", "\"d\":", "\"_flash\"", "\"_testcookie\"",
            "\"_browser_close\"", "\"_id_at\"", "\"_principal\"", "\"_ua\"", "\"_epoch\"", "\"_ip\"", "\"_moved\"",
            "\"@class\"", "9223372036854775807", "-9223372036854775808", "1e400", "null", "[]", "{}" })
    void sealedCookiesOfAnyContent(FuzzedDataProvider input) {
        String token = sealer.seal(input.consumeRemainingAsBytes());
        if (token.length() > cookies.maxTokenLength()) {
            return; // never sent: browsers keep no cookie this large, and it would not
                    // fit
        }
        oneRequest(cookies, token);
    }

    /** Any cookie value at all: none of them opens a session. */
    @FuzzTest(maxDuration = "30s")
    void anyCookieValue(FuzzedDataProvider input) {
        String token = input.consumeRemainingAsString();
        assertThat(oneRequest(cookies, token)).as("a session was opened by a made-up cookie").isFalse();
    }

    /** Datastore rows of any JSON and any column values, as if written by hand. */
    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({ "\"_flash\"", "\"_testcookie\"", "\"_browser_close\"", "\"_id_at\"", "\"_principal\"",
            "\"_ua\"", "\"_epoch\"", "\"_ip\"", "\"_moved\"", "\"@class\"", "9223372036854775807", "1e400", "null",
            "[]", "{}", "[[[[[[[[", "\"\\u0000\"" })
    void storedRowsOfAnyShape(FuzzedDataProvider input) throws Exception {
        String id = SessionIds.generate();
        datastore.save(SessionWrite.create(id, codec.newData(), NOW, NOW.plus(Duration.ofDays(1))));
        // Each column is either a plausible value or any value; kept inputs start
        // plausible.
        long created = input.consumeBoolean() ? NOW.minusSeconds(3600).toEpochMilli() : input.consumeLong();
        long accessed = input.consumeBoolean() ? NOW.minusSeconds(600).toEpochMilli() : input.consumeLong();
        long expires = input.consumeBoolean() ? NOW.plusSeconds(600).toEpochMilli() : input.consumeLong();
        Long timeout = input.consumeBoolean() ? null : input.consumeLong();
        String json = new String(input.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE sessionmap_session SET data = ?,"
                        + " created_at = ?, last_accessed_at = ?, expires_at = ?, timeout_seconds = ?")) {
            update.setString(1, json);
            update.setLong(2, created);
            update.setLong(3, accessed);
            update.setLong(4, expires);
            update.setObject(5, timeout);
            update.executeUpdate();
        }
        try {
            oneRequest(datastore, id);
        }
        finally {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM sessionmap_session");
            }
        }
    }

    /**
     * What a handler does with a session: reads every value, plain and typed, uses flash
     * messages and the test cookie, changes a value, and lets the response be written.
     * @return whether a session loaded from {@code token}
     */
    private static boolean oneRequest(SessionStore store, String token) {
        SessionLifecycle lifecycle = new SessionLifecycle(store, codec, settings, CLOCK, token);
        SessionMap session = lifecycle.map();
        boolean loaded = !session.isNew();
        List<String> keys = new ArrayList<>(session.keySet());
        for (String key : keys) {
            Object value = session.get(key);
            assertThat(session).containsKey(key);
            typed(() -> session.get(key, String.class));
            typed(() -> session.get(key, Map.class));
            assertThat(session.get(key)).isEqualTo(value);
        }
        session.consumeFlashes();
        session.testCookieWorked();
        session.getTimeout();
        session.expiresAt();
        typed(() -> session.get("visits", 0));
        session.put("visits", 1);
        CookieUpdate update = lifecycle.finish(false);
        assertThat(update).isNotNull();
        return loaded;
    }

    private static void typed(Runnable read) {
        try {
            read.run();
        }
        catch (SessionValueException ex) {
            // the documented outcome of a typed read of a value of another shape
        }
    }

}
