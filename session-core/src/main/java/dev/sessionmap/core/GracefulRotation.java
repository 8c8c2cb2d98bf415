package dev.sessionmap.core;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Periodic id rotation that keeps the previous id working for the grace period, and copes
 * with the visitor's parallel requests, which all find the rotation due at once: the
 * first moves the session, the others see its forwarding entry and write their changes
 * into the session it moved to, so every response carries the same new id.
 */
final class GracefulRotation {

    private static final int MAX_ATTEMPTS = 3;

    private final SessionStore store;

    private final SessionCodec codec;

    private final SessionSettings settings;

    private final ClientBinding binding;

    GracefulRotation(SessionStore store, SessionCodec codec, SessionSettings settings, ClientBinding binding) {
        this.store = store;
        this.codec = codec;
        this.settings = settings;
        this.binding = binding;
    }

    /** What was written, and the token for the cookie. */
    record Outcome(SessionWrite write, String token) {
    }

    /**
     * Writes {@code move} and a forwarding entry under the previous id; {@code null} when
     * the session was deleted meanwhile.
     */
    @Nullable Outcome rotate(SessionWrite move, Instant now) {
        Instant until = now.plus(this.settings.rotateIdGracePeriod());
        SessionWrite attempt = move;
        for (int i = 1;; i++) {
            StoredSession previous = Objects.requireNonNull(attempt.previous(), "previous");
            // Last access "until": a late touch of the old id (which only moves a last
            // access forward) cannot extend it.
            SessionWrite forward = SessionWrite
                .create(previous.id(), IdForwarding.data(this.codec, previous.id(), attempt.id(), until), until, until)
                .withCreatedAt(previous.createdAt());
            String token = this.store.rotate(attempt, forward);
            if (token != null) {
                return new Outcome(attempt, token);
            }
            StoredEntry current = StoredEntry.load(this.store, previous.id());
            if (current == null) {
                return null;
            }
            if (current instanceof StoredEntry.Forward moved) {
                return join(moved, attempt, now);
            }
            SessionWrite fresh = attempt.rebasedOn(current.stored(), this.codec);
            if (fresh == null) {
                return null;
            }
            if (i >= MAX_ATTEMPTS) {
                String saved = this.store.save(fresh);
                return (saved != null) ? new Outcome(fresh, saved) : null;
            }
            attempt = fresh;
        }
    }

    /**
     * A concurrent request of the same visitor rotated first: this request's changes go
     * to the session it moved to; {@code null} when that leads nowhere any more.
     */
    @Nullable Outcome join(StoredEntry.Forward forward, SessionWrite attempt, Instant now) {
        StoredSession moved = forward.follow(this.store, now);
        if (moved == null) {
            return null;
        }
        // This request bound the client to the id it meant to rotate to; the session
        // lives under the other one.
        SessionChanges changes = this.binding.rebind(attempt.changes(), moved.id(), this.codec);
        SessionWrite write = SessionWrite
            .update(moved, changes.applyTo(moved.data(), this.codec), changes, now,
                    this.settings.expiry(moved.createdAt(), now, attempt.timeout()))
            .withTimeout(attempt.timeout());
        String token = this.store.save(write);
        return (token != null) ? new Outcome(write, token) : null;
    }

}
