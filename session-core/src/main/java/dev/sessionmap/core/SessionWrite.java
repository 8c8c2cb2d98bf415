package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * What one request asks a store to write, made by one of the factories, each of which
 * says what kind of write it is: {@link #create} a new session, {@link #update} a loaded
 * one with this request's changes, {@link #touch} only its access time; {@link #movedTo}
 * gives any of them a new id.
 *
 * <pre>{@code
 * SessionWrite first = SessionWrite.create(id, data, now, now.plus(Duration.ofMinutes(30)));
 * SessionWrite next = SessionWrite.update(loaded, data, changes, now, expiresAt).withTimeout(Duration.ofDays(30));
 * }</pre>
 */
public final class SessionWrite {

    private final @Nullable StoredSession previous;

    private final String id;

    private final ObjectNode data;

    private final SessionChanges changes;

    private final Instant createdAt;

    private final Instant lastAccessedAt;

    private final Instant expiresAt;

    private final @Nullable Duration timeout;

    private final boolean dataChanged;

    // Shared by every copy made from one request's write, so the request learns how often
    // a store re-applied it.
    private final int[] replays;

    private SessionWrite(@Nullable StoredSession previous, String id, ObjectNode data, SessionChanges changes,
            Instant createdAt, Instant lastAccessedAt, Instant expiresAt, @Nullable Duration timeout,
            boolean dataChanged, int[] replays) {
        this.previous = previous;
        this.id = Objects.requireNonNull(id, "id");
        this.data = Objects.requireNonNull(data, "data");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.lastAccessedAt = Objects.requireNonNull(lastAccessedAt, "lastAccessedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.timeout = timeout;
        this.dataChanged = dataChanged;
        this.replays = replays;
    }

    /**
     * A new session {@code id} holding {@code data}, created and used {@code now}, with
     * the configured timeout.
     */
    public static SessionWrite create(String id, ObjectNode data, Instant now, Instant expiresAt) {
        return new SessionWrite(null, id, data, SessionChanges.none(), now, now, expiresAt, null, true, new int[1]);
    }

    /**
     * The loaded session {@code previous} with this request's {@code changes}, which made
     * {@code data} of it; it keeps its own timeout (see {@link #withTimeout}).
     */
    public static SessionWrite update(StoredSession previous, ObjectNode data, SessionChanges changes, Instant now,
            Instant expiresAt) {
        return new SessionWrite(previous, previous.id(), data, changes, previous.createdAt(), now, expiresAt,
                previous.timeout(), true, new int[1]);
    }

    /**
     * Only refreshes the access time of the loaded session {@code previous}: its data as
     * loaded, no changes.
     */
    public static SessionWrite touch(StoredSession previous, Instant now, Instant expiresAt) {
        return new SessionWrite(previous, previous.id(), previous.data(), SessionChanges.none(), previous.createdAt(),
                now, expiresAt, previous.timeout(), false, new int[1]);
    }

    /**
     * This write with the session's own idle timeout, or {@code null} for the configured
     * one.
     */
    public SessionWrite withTimeout(@Nullable Duration timeout) {
        return new SessionWrite(this.previous, this.id, this.data, this.changes, this.createdAt, this.lastAccessedAt,
                this.expiresAt, timeout, this.dataChanged, this.replays);
    }

    /**
     * This write of a new session, created earlier than it is written (a seeded or
     * imported session).
     */
    public SessionWrite withCreatedAt(Instant createdAt) {
        return new SessionWrite(this.previous, this.id, this.data, this.changes, createdAt, this.lastAccessedAt,
                this.expiresAt, this.timeout, this.dataChanged, this.replays);
    }

    /**
     * This write under the new id {@code id}: a rotation, whose write changes the data
     * even if nothing else did.
     */
    public SessionWrite movedTo(String id) {
        return new SessionWrite(this.previous, id, this.data, this.changes, this.createdAt, this.lastAccessedAt,
                this.expiresAt, this.timeout, true, this.replays);
    }

    /**
     * This write re-applied onto {@code current}, a fresher copy of the session that
     * another request changed meanwhile: this request's {@link #changes()} run again on
     * its data, and it becomes the {@link #previous()}; {@code null} when {@code current}
     * is a forwarding entry (see {@link #replayOnto}).
     */
    public @Nullable SessionWrite rebasedOn(StoredSession current, SessionCodec codec) {
        ObjectNode data = replayOnto(current.data(), codec);
        return (data != null) ? new SessionWrite(current, this.id, data, this.changes, current.createdAt(),
                this.lastAccessedAt, this.expiresAt, this.timeout, this.dataChanged, this.replays) : null;
    }

    /**
     * This request's {@link #changes()} applied to {@code fresh}, the data another
     * request wrote meanwhile; {@code null} when {@code fresh} is the forwarding entry a
     * concurrent periodic rotation left under the previous id. The changes must not land
     * there: the store answers as for a session deleted meanwhile, and the caller follows
     * the entry.
     */
    public @Nullable ObjectNode replayOnto(ObjectNode fresh, SessionCodec codec) {
        if (IdForwarding.isForward(fresh)) {
            return null;
        }
        this.replays[0]++;
        return this.changes.applyTo(fresh, codec);
    }

    /**
     * How many times a store re-applied this write (or a copy of it) after a conflict.
     */
    int replays() {
        return this.replays[0];
    }

    /** The session as loaded, or {@code null} for a new session. */
    public @Nullable StoredSession previous() {
        return this.previous;
    }

    /**
     * The id to save under: differs from {@code previous().id()} when the id was rotated.
     */
    public String id() {
        return this.id;
    }

    /** The complete data as this request sees it, the library's records included. */
    public ObjectNode data() {
        return this.data;
    }

    /**
     * This request's own changes, for a store that must re-apply them onto a fresher copy
     * after a concurrent write.
     */
    public SessionChanges changes() {
        return this.changes;
    }

    /**
     * The name of the user the session belongs to, or {@code null} for an anonymous
     * session: what a store that indexes sessions by user keys them by (see
     * {@link PrincipalSessionStore}).
     */
    public @Nullable String principal() {
        return SessionRecords.principalOf(this.data);
    }

    /** When the session was first saved. */
    public Instant createdAt() {
        return this.createdAt;
    }

    /** Now: when this request used the session. */
    public Instant lastAccessedAt() {
        return this.lastAccessedAt;
    }

    /** When the session stops being served. */
    public Instant expiresAt() {
        return this.expiresAt;
    }

    /** The session's own idle timeout, or {@code null} for the configured one. */
    public @Nullable Duration timeout() {
        return this.timeout;
    }

    /**
     * Whether the data changed: {@code false} for a {@link #touch} that only refreshes
     * the access time, which must not conflict with concurrent writers.
     */
    public boolean dataChanged() {
        return this.dataChanged;
    }

    /** Whether this write creates the session. */
    public boolean isNew() {
        return this.previous == null;
    }

    /** Whether this write moves the session to a new id. */
    public boolean isRotation() {
        return this.previous != null && !this.previous.id().equals(this.id);
    }

    @Override
    public String toString() {
        return "SessionWrite{" + (isNew() ? "create" : isRotation() ? "move" : this.dataChanged ? "update" : "touch")
                + ", expiresAt=" + this.expiresAt + "}";
    }

}
