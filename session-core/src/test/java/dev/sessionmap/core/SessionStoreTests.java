package dev.sessionmap.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults of the store SPI, for a store that implements only what it must. */
class SessionStoreTests {

    private final SessionCodec codec = SessionCodec.withDefaults();

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Records the ids it saves under; returns a token that is not the id, as a store that
     * seals the session.
     */
    private static final class SavingStore implements SessionStore {

        final List<String> saved = new ArrayList<>();

        private final boolean findsSessionsById;

        SavingStore(boolean findsSessionsById) {
            this.findsSessionsById = findsSessionsById;
        }

        @Override
        public @Nullable StoredSession load(String token) {
            return null;
        }

        @Override
        public String save(SessionWrite write) {
            this.saved.add(write.id());
            return "sealed:" + write.id();
        }

        @Override
        public void delete(StoredSession session) {
        }

        @Override
        public boolean findsSessionsById() {
            return this.findsSessionsById;
        }

    }

    private SessionWrite[] rotation() {
        StoredSession loaded = new StoredSession("old", this.codec.newData().put("a", 1), this.now, this.now,
                this.now.plusSeconds(60), null, 3);
        SessionWrite move = SessionWrite
            .update(loaded, loaded.data(), SessionChanges.none(), this.now, this.now.plusSeconds(60))
            .movedTo("new");
        SessionWrite forward = SessionWrite.create("old", this.codec.newData().put("_moved", 1), this.now,
                this.now.plusSeconds(30));
        return new SessionWrite[] { move, forward };
    }

    @Test
    void rotateLeavesTheForwardingEntryWhenTheStoreDeclaresItFindsSessionsById() {
        SavingStore store = new SavingStore(true);
        SessionWrite[] rotation = rotation();
        assertThat(store.rotate(rotation[0], rotation[1])).isEqualTo("sealed:new");
        assertThat(store.saved).containsExactly("new", "old");
    }

    @Test
    void rotateLeavesNoForwardingEntryWhenTheTokenIsNotTheId() {
        SavingStore store = new SavingStore(false);
        SessionWrite[] rotation = rotation();
        assertThat(store.rotate(rotation[0], rotation[1])).isEqualTo("sealed:new");
        assertThat(store.saved).containsExactly("new");
    }

}
