package dev.sessionmap.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Sessions outside of requests, for admin code and tests (Django's
 * {@code Session.objects.get(pk=...).get_decoded()}): look one up by id, delete one,
 * count them. Available for stores that keep sessions on the server.
 *
 * <pre>{@code
 * sessionAdmin.find(sessionId).ifPresent((session) -> log.info("cart: {}", session.data().get("cart")));
 * }</pre>
 */
public class SessionAdmin {

    private final ServerSessionStore store;

    private final SessionCodec codec;

    private final SessionSettings settings;

    private final Clock clock;

    public SessionAdmin(ServerSessionStore store, SessionCodec codec, SessionSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The session with this id (the value of the session cookie), unless it is unknown or
     * expired.
     */
    public Optional<SessionSnapshot> find(String sessionId) {
        Instant now = this.clock.instant();
        StoredSession session = live(sessionId, now);
        if (session == null) {
            return Optional.empty();
        }
        return Optional.of(new SessionSnapshot(session, this.settings.expiresAt(session), this.codec));
    }

    /**
     * Deletes the session with this id, so its visitor starts afresh; whether there was
     * one. An id replaced by periodic rotation still names the session during its grace
     * period, so deleting by it deletes the session.
     */
    public boolean delete(String sessionId) {
        StoredEntry entry = StoredEntry.load(this.store, sessionId);
        if (entry == null) {
            return false;
        }
        if (entry instanceof StoredEntry.Live) {
            this.store.delete(entry.stored());
            return true;
        }
        StoredSession moved = ((StoredEntry.Forward) entry).follow(this.store, this.clock.instant());
        // The session first: should the second delete fail, the entry left behind leads
        // nowhere.
        if (moved != null) {
            this.store.delete(moved);
        }
        this.store.delete(entry.stored());
        return moved != null;
    }

    /**
     * How many sessions have not expired (ids replaced by rotation in the last grace
     * period count too).
     */
    public long count() {
        return this.store.count(this.clock.instant());
    }

    private @Nullable StoredSession live(String sessionId, Instant now) {
        StoredEntry entry = StoredEntry.load(this.store, sessionId);
        if (!(entry instanceof StoredEntry.Live live) || this.settings.isExpired(live.stored(), now)) {
            return null;
        }
        return live.stored();
    }

}
