package dev.sessionmap.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a store holds under an id, decoded: a session, or the forwarding entry that
 * periodic rotation leaves under a replaced id (see {@link IdForwarding}). Stores keep
 * both alike, so this is the one place that tells them apart.
 */
sealed interface StoredEntry permits StoredEntry.Live, StoredEntry.Forward {

    /** The entry the store holds under {@code id}, or {@code null} for none. */
    static @Nullable StoredEntry load(SessionStore store, String id) {
        return decode(store.load(id));
    }

    /** The entry {@code stored} is, or {@code null} for none. */
    static @Nullable StoredEntry decode(@Nullable StoredSession stored) {
        if (stored == null) {
            return null;
        }
        return IdForwarding.isForward(stored.data()) ? new Forward(stored) : new Live(stored);
    }

    /** The entry as the store returned it. */
    StoredSession stored();

    /** A session. */
    record Live(StoredSession stored) implements StoredEntry {
    }

    /** A forwarding entry: the session moved to another id. */
    record Forward(StoredSession stored) implements StoredEntry {

        /**
         * The id the session moved to, or {@code null} once the grace period is over or
         * when the entry is malformed.
         */
        @Nullable String target(Instant now) {
            return IdForwarding.target(this.stored.id(), this.stored.data(), now);
        }

        /**
         * The session this entry leads to at {@code now}, or {@code null} when it leads
         * nowhere (no chains).
         */
        @Nullable StoredSession follow(SessionStore store, Instant now) {
            String target = target(now);
            StoredEntry entry = (target != null) ? load(store, target) : null;
            return (entry instanceof Live live) ? live.stored() : null;
        }
    }

}
