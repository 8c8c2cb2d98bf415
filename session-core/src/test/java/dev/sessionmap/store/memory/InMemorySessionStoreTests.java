package dev.sessionmap.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory store under the request lifecycle: the guarantees the SPI asks of every
 * store.
 */
class InMemorySessionStoreTests {

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final InMemorySessionStore store = new InMemorySessionStore(this.codec);

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final SessionSettings settings = new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1))
        .withIdRotation(Duration.ofHours(1), Duration.ofSeconds(30));

    private SessionLifecycle request(Clock clock, String token) {
        return new SessionLifecycle(this.store, this.codec, this.settings, clock, token);
    }

    private String create(Map<String, Object> values) {
        SessionLifecycle first = request(Clock.fixed(this.now, ZoneOffset.UTC), null);
        first.map().putAll(values);
        return first.finish(false).value();
    }

    @Test
    void concurrentChangesAreReappliedOntoTheFreshSession() {
        String id = create(Map.of("count", 1));
        Clock clock = Clock.fixed(this.now.plusSeconds(1), ZoneOffset.UTC);
        SessionLifecycle one = request(clock, id);
        SessionLifecycle two = request(clock, id);
        one.map().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        one.map().flash("one");
        two.map().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        two.map().flash("two");
        one.finish(false);
        two.finish(false);

        SessionLifecycle next = request(clock, id);
        assertThat(next.map()).containsExactly(Map.entry("count", 3));
        assertThat(next.map().consumeFlashes()).containsExactly("one", "two");
    }

    @Test
    void aLateWriteFromAClockThatFindsNoRotationDueJoinsTheRotationInsteadOfLandingOnTheForwardingEntry() {
        String id = create(Map.of("a", 1));
        SessionLifecycle late = request(Clock.fixed(this.now.plus(Duration.ofMinutes(59)), ZoneOffset.UTC), id);
        late.map().put("late", true);
        SessionLifecycle rotating = request(Clock.fixed(this.now.plus(Duration.ofHours(1)), ZoneOffset.UTC), id);
        rotating.map().put("one", 1);
        String rotated = rotating.finish(false).value();
        assertThat(rotated).isNotEqualTo(id);

        assertThat(late.finish(false).value()).as("the new id, not the replaced one").isEqualTo(rotated);
        assertThat(this.store.load(rotated).data().propertyNames()).contains("a", "one", "late");
        assertThat(this.store.load(id).data().propertyNames()).as("the forwarding entry as it was")
            .containsExactly("_moved");
    }

}
