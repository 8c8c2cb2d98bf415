package dev.sessionmap.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record of a request's changes, re-applied onto data another request changed
 * meanwhile.
 */
class SessionChangesTests {

    private final SessionCodec codec = SessionCodec.withDefaults();

    private SessionLifecycle requestOn(ObjectNode data) {
        MemorySessionStore store = new MemorySessionStore();
        String id = SessionIds.generate();
        java.time.Instant now = java.time.Instant.now();
        store.sessions.put(id, new StoredSession(id, data, now, now, now.plus(Duration.ofDays(1)), null, 0));
        return new SessionLifecycle(store, this.codec,
                new SessionSettings(Duration.ofDays(1), null, Duration.ofMinutes(1)), Clock.systemUTC(), id);
    }

    private ObjectNode data(Map<String, Object> values) {
        ObjectNode data = this.codec.newData();
        values.forEach((key, value) -> data.set(key, this.codec.encode(key, value)));
        return data;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> decode(ObjectNode data) {
        return (Map<String, Object>) this.codec.decode(data);
    }

    @Test
    void mergeIsReRunAgainstTheFreshValueSoNoIncrementIsLost() {
        SessionLifecycle request = requestOn(data(Map.of("count", 1)));
        request.map().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        SessionChanges changes = request.state().changes();

        ObjectNode fresh = data(Map.of("count", 10, "other", "kept"));
        assertThat(decode(changes.applyTo(fresh, this.codec))).isEqualTo(Map.of("count", 11, "other", "kept"));
        assertThat(decode(fresh)).containsEntry("count", 10);
    }

    @Test
    void computeFamilyIsReplayedWithMapSemantics() {
        SessionLifecycle request = requestOn(data(Map.of("a", 1, "b", 2)));
        SessionMap map = request.map();
        map.compute("a", (k, v) -> (v == null) ? 100 : (Integer) v * 2);
        map.computeIfAbsent("c", (k) -> 5);
        map.computeIfPresent("b", (k, v) -> null);
        SessionChanges changes = request.state().changes();
        assertThat(map).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "c", 5));

        ObjectNode fresh = data(Map.of("a", 7, "b", 3, "c", 9));
        assertThat(decode(changes.applyTo(fresh, this.codec))).isEqualTo(Map.of("a", 14, "c", 9));
    }

    @Test
    void putAndRemoveWinOverTheFreshValueAndOtherKeysAreKept() {
        SessionLifecycle request = requestOn(data(Map.of("mine", 1, "gone", 2)));
        request.map().put("mine", 5);
        request.map().remove("gone");
        request.map().merge("mine", 1, (a, b) -> (Integer) a + (Integer) b);
        SessionChanges changes = request.state().changes();

        ObjectNode fresh = data(Map.of("mine", 100, "gone", 3, "theirs", List.of("x")));
        assertThat(decode(changes.applyTo(fresh, this.codec))).isEqualTo(Map.of("mine", 6, "theirs", List.of("x")));
    }

    @Test
    void clearRemovesWhatOthersWroteToo() {
        SessionLifecycle request = requestOn(data(Map.of("a", 1)));
        request.map().clear();
        request.map().put("b", 2);
        SessionChanges changes = request.state().changes();
        assertThat(decode(changes.applyTo(data(Map.of("a", 1, "z", 26)), this.codec))).isEqualTo(Map.of("b", 2));
    }

    @Test
    void recordsAreReplayedLikeValuesSoConcurrentFlashesAreAllKept() {
        SessionLifecycle request = requestOn(data(Map.of("a", 1)));
        request.map().flash("mine");
        SessionChanges changes = request.state().changes();

        ObjectNode fresh = data(Map.of("a", 1, "_flash", List.of("theirs")));
        assertThat(decode(changes.applyTo(fresh, this.codec)))
            .isEqualTo(Map.of("a", 1, "_flash", List.of("theirs", "mine")));
    }

    @Test
    void clearKeepsTheRecordsAnotherRequestWrote() {
        SessionLifecycle request = requestOn(data(Map.of("a", 1)));
        request.map().clear();
        SessionChanges changes = request.state().changes();
        ObjectNode fresh = data(Map.of("a", 1, "z", 26, "_flash", List.of("theirs")));
        assertThat(decode(changes.applyTo(fresh, this.codec))).isEqualTo(Map.of("_flash", List.of("theirs")));
    }

    @Test
    void onlyReadingRecordsNoChange() {
        SessionLifecycle request = requestOn(data(Map.of("a", List.of(1), "b", Map.of("x", 1))));
        request.map().get("a");
        request.map().get("b");
        request.map().entrySet().forEach(Map.Entry::getValue);
        assertThat(request.state().changes().isEmpty()).isTrue();
    }

}
