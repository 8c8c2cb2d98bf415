package dev.sessionmap.core;

import java.time.Instant;
import java.util.Objects;

/**
 * Carries one request's write to the store and says how it ended. A write that meets the forwarding entry of a
 * rotation a concurrent request made first (a request whose clock found no rotation due) joins that rotation:
 * its changes go to the session under the new id, and the browser is handed that id, not the replaced one.
 */
final class SessionWriter {

    private final SessionStore store;

    private final GracefulRotation rotation;

    SessionWriter(SessionStore store, SessionCodec codec, SessionSettings settings, ClientBinding binding) {
        this.store = store;
        this.rotation = new GracefulRotation(store, codec, settings, binding);
    }

    /** How a write ended. */
    sealed interface Outcome permits Written, NotApplied, Gone {
    }

    /** Written as {@code write}, which may differ from the one asked for (re-applied, joined); {@code token} for the cookie. */
    record Written(SessionWrite write, String token) implements Outcome {
    }

    /** A refresh of the access time that was not applied; the session stays as {@code loaded}. */
    record NotApplied(StoredSession loaded) implements Outcome {
    }

    /** The session was deleted meanwhile: nothing was written. */
    record Gone() implements Outcome {
    }

    /**
     * Writes {@code write}; with {@code graceful}, as a periodic rotation that leaves a forwarding entry under the
     * previous id.
     */
    Outcome write(SessionWrite write, Instant now, boolean graceful) {
        if (graceful) {
            GracefulRotation.Outcome outcome = this.rotation.rotate(write, now);
            return (outcome != null) ? new Written(outcome.write(), outcome.token()) : new Gone();
        }
        String token = this.store.save(write);
        if (token != null) {
            return new Written(write, token);
        }
        StoredSession previous = write.previous();
        if (!write.dataChanged()) {
            return new NotApplied(Objects.requireNonNull(previous, "previous"));
        }
        // Not a rotation at log-in: it must end on an id no one else may know, and the forward's target is known to
        // whoever holds the replaced id.
        if (previous != null && !write.isRotation() && StoredEntry.load(this.store, previous.id()) instanceof StoredEntry.Forward forward) {
            GracefulRotation.Outcome joined = this.rotation.join(forward, write, now);
            return (joined != null) ? new Written(joined.write(), joined.token()) : new Gone();
        }
        return new Gone();
    }

    /** The session {@code written} left behind, as the store now holds it (the version as the store counts it). */
    static StoredSession stored(SessionWrite written, Instant now) {
        StoredSession previous = written.previous();
        long version = (previous == null) ? 0 : previous.version() + (written.dataChanged() ? 1 : 0);
        return new StoredSession(written.id(), written.data(), written.createdAt(), now, written.expiresAt(),
                written.timeout(), version);
    }
}
