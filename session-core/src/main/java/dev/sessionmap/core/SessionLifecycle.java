package dev.sessionmap.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * One request's life of a session, free of any web API: the token the visitor presented goes in,
 * the handler uses {@link #map()}, and {@link #finish(boolean)} writes what changed and says what
 * the response must do with the cookie. Nothing touches the store until the map is first used.
 *
 * <p>Not thread-safe: one instance serves one request.
 */
public final class SessionLifecycle implements SessionBacking {

    private final SessionStore store;

    private final SessionCodec codec;

    private final SessionSettings settings;

    private final Clock clock;

    private final @Nullable String presentedToken;

    private final TrackedSessionMap map;

    private @Nullable StoredSession stored;

    private @Nullable StoredSession invalidated;

    private boolean rotate;

    private boolean finished;

    public SessionLifecycle(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            @Nullable String presentedToken) {
        this.store = store;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.presentedToken = presentedToken;
        this.map = new TrackedSessionMap(codec, this);
    }

    /** The session as the handler sees it; loaded on first use. */
    public SessionMap map() {
        return this.map;
    }

    /** Whether the handler used the session, so the store was (or will be) consulted. */
    public boolean isUsed() {
        return this.map.isLoaded();
    }

    @Override
    public ObjectNode load() {
        if (this.presentedToken != null) {
            StoredSession session = this.store.load(this.presentedToken);
            if (session != null && !this.settings.isExpired(session, this.clock.instant())) {
                this.stored = session;
                return session.data();
            }
        }
        return this.codec.newData();
    }

    @Override
    public boolean isNew() {
        return this.stored == null;
    }

    @Override
    public void invalidate() {
        if (this.stored != null) {
            this.invalidated = this.stored;
        }
        this.stored = null;
        this.rotate = false;
        this.map.reset();
    }

    @Override
    public void rotateId() {
        this.rotate = true;
    }

    /**
     * Ends the session's part in the request: writes it if it changed (unless the request failed)
     * and returns what to do with the cookie. Only the first call does anything.
     *
     * @param failed whether the request ended in a server error, whose changes are not kept
     */
    public CookieUpdate finish(boolean failed) {
        if (this.finished || !this.map.isLoaded() || failed) {
            this.finished = true;
            return CookieUpdate.NONE;
        }
        this.finished = true;
        Instant now = this.clock.instant();
        if (this.invalidated != null) {
            this.store.delete(this.invalidated);
        }
        SessionChanges changes = this.map.changes();
        StoredSession session = this.stored;
        if (session == null) {
            if (this.map.isEmpty()) {
                return (this.presentedToken != null) ? CookieUpdate.CLEAR : CookieUpdate.NONE;
            }
            return write(new SessionWrite(null, SessionIds.generate(), this.map.data(), changes, now, now,
                    this.settings.expiry(now, now, null), null, true), now);
        }
        boolean dataChanged = !changes.isEmpty() || this.rotate;
        if (dataChanged || session.resave() || isTouchDue(session, now)) {
            String id = this.rotate ? SessionIds.generate() : session.id();
            return write(new SessionWrite(session, id, this.map.data(), changes, session.createdAt(), now,
                    this.settings.expiry(session.createdAt(), now, session.timeout()), session.timeout(), dataChanged),
                    now);
        }
        return CookieUpdate.NONE;
    }

    private boolean isTouchDue(StoredSession session, Instant now) {
        return Duration.between(session.lastAccessedAt(), now).compareTo(this.settings.touchInterval()) >= 0;
    }

    private CookieUpdate write(SessionWrite write, Instant now) {
        String token = this.store.save(write);
        if (token == null) {
            // Another request of this session deleted it meanwhile: a log-out, whose response cleared the
            // cookie, or a log-in, whose response set the new id. Either way that cookie must stand.
            return CookieUpdate.NONE;
        }
        return CookieUpdate.set(token, Duration.between(now, write.expiresAt()));
    }
}
