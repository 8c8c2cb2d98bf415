package dev.sessionmap.core;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Periodic id rotation that keeps the previous id working for the grace period, and copes with the
 * visitor's parallel requests, which all find the rotation due at once: the first moves the session,
 * the others see its forwarding entry and write their changes into the session it moved to, so every
 * response carries the same new id.
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

    /** Writes {@code move} and a forwarding entry under the previous id; {@code null} when the session was deleted meanwhile. */
    @Nullable Outcome rotate(SessionWrite move, Instant now) {
        Instant until = now.plus(this.settings.rotateIdGracePeriod());
        SessionWrite attempt = move;
        for (int i = 1;; i++) {
            StoredSession previous = Objects.requireNonNull(attempt.previous(), "previous");
            // Last access "until": a late touch of the old id (which only moves a last access forward) cannot extend it.
            SessionWrite forward = new SessionWrite(null, previous.id(),
                    IdForwarding.data(this.codec, previous.id(), attempt.id(), until), SessionChanges.none(),
                    previous.createdAt(), until, until, null, true);
            String token = this.store.rotate(attempt, forward);
            if (token != null) {
                return new Outcome(attempt, token);
            }
            StoredSession current = this.store.load(previous.id());
            if (current == null) {
                return null;
            }
            if (IdForwarding.isForward(current.data())) {
                return join(current, attempt, now);
            }
            SessionWrite fresh = new SessionWrite(current, attempt.id(), attempt.changes().applyTo(current.data(), this.codec),
                    attempt.changes(), current.createdAt(), now, attempt.expiresAt(), attempt.timeout(), true);
            if (i >= MAX_ATTEMPTS) {
                String moved = this.store.save(fresh);
                return (moved != null) ? new Outcome(fresh, moved) : null;
            }
            attempt = fresh;
        }
    }

    /** A concurrent request of the same visitor rotated first: this request's changes go to the session it moved to. */
    private @Nullable Outcome join(StoredSession forward, SessionWrite attempt, Instant now) {
        String target = IdForwarding.target(forward.id(), forward.data(), now);
        StoredSession moved = (target != null) ? this.store.load(target) : null;
        if (moved == null || IdForwarding.isForward(moved.data())) {
            return null;
        }
        // This request bound the client to the id it meant to rotate to; the session lives under the other one.
        SessionChanges changes = this.binding.rebind(attempt.changes(), moved.id(), this.codec);
        SessionWrite write = new SessionWrite(moved, moved.id(), changes.applyTo(moved.data(), this.codec), changes,
                moved.createdAt(), now, this.settings.expiry(moved.createdAt(), now, attempt.timeout()),
                attempt.timeout(), true);
        String token = this.store.save(write);
        return (token != null) ? new Outcome(write, token) : null;
    }
}
