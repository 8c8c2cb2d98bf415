package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Decides what one request's session needs written and carries it to the store, saying
 * how it ended. A write that meets the forwarding entry of a rotation a concurrent
 * request made first (one whose clock found the rotation due when this request's did not)
 * joins that rotation: its changes go to the session under the new id, and the browser is
 * handed that id, not the replaced one.
 */
final class SessionWriter {

    private final SessionStore store;

    private final SessionSettings settings;

    private final ClientBinding binding;

    private final GracefulRotation rotation;

    private final SessionNotices notices;

    SessionWriter(SessionStore store, SessionCodec codec, SessionSettings settings, ClientBinding binding,
            SessionNotices notices) {
        this.store = store;
        this.notices = notices;
        this.settings = settings;
        this.binding = binding;
        this.rotation = new GracefulRotation(store, codec, settings, binding);
    }

    /**
     * A write, and whether it is a periodic rotation that leaves a forwarding entry under
     * the previous id.
     */
    record Pending(SessionWrite write, boolean graceful) {
    }

    /**
     * The write a request's session needs, or {@code null} when none is due: a new
     * session with contents, a loaded one that changed, moves to a new id (asked for, or
     * periodic rotation due) or is due for a refresh of its access time. Records the
     * client binding under the id written and, on a move, when the id was issued.
     * @param session the session as loaded, or {@code null} for a new one
     * @param chosenId the id chosen in advance for a new session or a rotation, or
     * {@code null} for a fresh one
     */
    @Nullable Pending pending(@Nullable StoredSession session, SessionState state, @Nullable Duration ownTimeout, boolean rotate,
            @Nullable String chosenId, boolean timeoutChanged, Instant now) {
        if (session == null) {
            if (state.isEmpty()) {
                return null;
            }
            String id = (chosenId != null) ? chosenId : SessionIds.generate();
            this.binding.record(state.records(), id);
            state.changes();
            return new Pending(SessionWrite.create(id, state.data(), now, this.settings.expiry(now, now, ownTimeout))
                .withTimeout(ownTimeout), false);
        }
        boolean periodic = !rotate && this.settings.isRotationDue(state.records().idIssuedAt(session.createdAt()), now);
        boolean moving = rotate || periodic;
        String id = (rotate && chosenId != null) ? chosenId : moving ? SessionIds.generate() : session.id();
        this.binding.record(state.records(), id);
        if (moving && this.settings.rotateIdEvery() != null) {
            state.records().recordIdIssued(now);
        }
        SessionChanges changes = state.changes();
        Instant expiresAt = this.settings.expiry(session.createdAt(), now, ownTimeout);
        SessionWrite write;
        if (!changes.isEmpty() || moving || timeoutChanged) {
            write = SessionWrite.update(session, state.data(), changes, now, expiresAt)
                .withTimeout(ownTimeout)
                .movedTo(id);
        }
        else if (session.resave() || isTouchDue(session, now) || this.settings.saveEveryRequest()) {
            write = SessionWrite.touch(session, now, expiresAt);
        }
        else {
            return null;
        }
        boolean graceful = periodic && !this.settings.rotateIdGracePeriod().isZero() && this.store.findsSessionsById();
        return new Pending(write, graceful);
    }

    /** How a write ended. */
    sealed interface Outcome permits Written, NotApplied, Gone {

    }

    /**
     * Written as {@code write}, which may differ from the one asked for (re-applied,
     * joined); {@code token} for the cookie.
     */
    record Written(SessionWrite write, String token) implements Outcome {
    }

    /**
     * A refresh of the access time that was not applied: the session is gone, moved to a
     * new id, or another request refreshed it later. {@code session} is the session as
     * loaded, counted as refreshed, so neither a later {@code save()} nor the end of the
     * request tries again: they would meet the same answer.
     */
    record NotApplied(StoredSession session) implements Outcome {
    }

    /** The session was deleted meanwhile: nothing was written. */
    record Gone() implements Outcome {
    }

    /** Carries {@code pending} to the store, and tells the listener what it did. */
    Outcome write(Pending pending, Instant now) {
        Outcome outcome = store(pending, now);
        if (outcome instanceof Written written) {
            this.notices.written(written.write(), written.write().replays(), now);
        }
        return outcome;
    }

    /** Deletes a session ended on purpose. */
    void delete(StoredSession session, Instant now) {
        this.store.delete(session);
        this.notices.invalidated(session, now);
    }

    private Outcome store(Pending pending, Instant now) {
        SessionWrite write = pending.write();
        if (pending.graceful()) {
            GracefulRotation.Outcome outcome = this.rotation.rotate(write, now);
            return (outcome != null) ? new Written(outcome.write(), outcome.token()) : new Gone();
        }
        String token = this.store.save(write);
        if (token != null) {
            return new Written(write, token);
        }
        StoredSession previous = write.previous();
        if (!write.dataChanged()) {
            StoredSession loaded = Objects.requireNonNull(previous, "previous");
            return new NotApplied(new StoredSession(loaded.id(), loaded.data(), loaded.createdAt(), now,
                    loaded.expiresAt(), loaded.timeout(), loaded.version()));
        }
        // Not a rotation at log-in: it must end on an id no one else may know, and the
        // forward's target is known to
        // whoever holds the replaced id.
        StoredEntry current = (previous != null && !write.isRotation()) ? StoredEntry.load(this.store, previous.id())
                : null;
        if (current instanceof StoredEntry.Forward forward) {
            GracefulRotation.Outcome joined = this.rotation.join(forward, write, now);
            return (joined != null) ? new Written(joined.write(), joined.token()) : new Gone();
        }
        return new Gone();
    }

    private boolean isTouchDue(StoredSession session, Instant now) {
        return Duration.between(session.lastAccessedAt(), now).compareTo(this.settings.touchInterval()) >= 0;
    }

    /**
     * The session {@code written} left behind, its version counted as the SPI asks (one
     * up for a data write). A store that re-applied the changes onto a fresher copy is
     * further along; a second write in the same request then finds the version moved and
     * re-applies again, which is correct, only slower.
     */
    static StoredSession stored(SessionWrite written, Instant now) {
        StoredSession previous = written.previous();
        long version = (previous == null) ? 0 : previous.version() + (written.dataChanged() ? 1 : 0);
        return new StoredSession(written.id(), written.data(), written.createdAt(), now, written.expiresAt(),
                written.timeout(), version);
    }

}
