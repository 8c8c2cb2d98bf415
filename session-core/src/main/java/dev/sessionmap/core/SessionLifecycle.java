package dev.sessionmap.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * One request's life of a session, free of any web API: the tokens the visitor presented
 * go in, the handler uses {@link #map()}, and {@link #finish(boolean)} writes what
 * changed and says what the response must do with the cookie. Nothing touches the store
 * until the map is first used. Not thread-safe: one instance serves one request.
 */
public final class SessionLifecycle {

    private final SessionStore store;

    private final SessionCodec codec;

    private final SessionSettings settings;

    private final Clock clock;

    private final SessionLoader loader;

    private final SessionWriter writer;

    private final TrackedSessionMap map;

    private final PrincipalRecorder principals;

    private @Nullable SessionState state;

    private @Nullable StoredSession stored;

    private @Nullable StoredSession invalidated;

    private @Nullable EndMarker ending;

    private final OwnTimeout ownTimeout = new OwnTimeout();

    private final IdChange idChange = new IdChange();

    private boolean forwarded;

    private boolean cookieHeld;

    private boolean ambiguous;

    private @Nullable CookieUpdate saved;

    private boolean gone;

    private boolean finished;

    /**
     * A lifecycle for a client that is not bound, presenting {@code presentedToken} or
     * none.
     */
    public SessionLifecycle(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            @Nullable String presentedToken) {
        this(store, codec, settings, clock, () -> (presentedToken != null) ? List.of(presentedToken) : List.of(),
                List::of, SessionClient.UNKNOWN, SessionHooks.NONE);
    }

    /**
     * @param presentedTokens reads the tokens the visitor presented, in the order sent
     * (empty for none); called only when the map is first used, so a request that never
     * touches the session never reads its cookie. The first that loads as a live session
     * the client is admitted to is served.
     * @param presentedEndMarkers reads the {@linkplain EndMarker#value() end markers} the
     * visitor presented; called only when a session loads on a store that cannot revoke
     * sessions
     * @param client what the request says about the client, for sessions bound to it
     * @param hooks told of what happens to sessions, and asked for users' epochs
     */
    public SessionLifecycle(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            Supplier<List<String>> presentedTokens, Supplier<List<String>> presentedEndMarkers, SessionClient client,
            SessionHooks hooks) {
        this.store = store;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        SessionNotices notices = new SessionNotices(hooks.listener());
        this.principals = new PrincipalRecorder(store, hooks.epochs(), client);
        ClientBinding binding = new ClientBinding(settings, client);
        this.loader = new SessionLoader(store, settings, binding, presentedTokens, presentedEndMarkers, notices,
                hooks.epochs());
        this.writer = new SessionWriter(store, codec, settings, binding, notices);
        this.map = new TrackedSessionMap(this, settings, clock);
    }

    /** The session as the handler sees it, the application's values only. */
    public SessionMap map() {
        return this.map;
    }

    /**
     * The library's own records kept with the session, apart from the application's
     * values (see {@link SessionRecords}); loads the session if it was not loaded yet.
     */
    public SessionRecords records() {
        return state().records();
    }

    boolean isFinished() {
        return this.finished;
    }

    /** Whether the handler used the session, so the store was (or will be) consulted. */
    public boolean isUsed() {
        return this.state != null;
    }

    /** The session's contents, loaded on first use, as by every session-wide method. */
    SessionState state() {
        if (this.state == null) {
            SessionLoader.Found found = this.loader.load(this.clock.instant());
            this.stored = found.session();
            this.forwarded = found.forwarded();
            this.cookieHeld = found.cookieHeld();
            this.ambiguous = found.ambiguous();
            this.ownTimeout.load(this.stored);
            this.state = SessionState.of((this.stored != null) ? this.stored.data() : this.codec.newData(), this.codec);
        }
        return this.state;
    }

    /** As {@link SessionMap#isNew()}: the visitor brought no valid session. */
    public boolean isNew() {
        state();
        return this.stored == null;
    }

    /** As {@link SessionMap#invalidate()}: drops the data, and the stored session. */
    public void invalidate() {
        SessionState state = state();
        if (this.stored != null) {
            this.invalidated = this.stored;
            if (!this.store.revokesOnDelete()) {
                this.ending = EndMarker.of(this.stored.id(), this.settings);
            }
        }
        this.stored = null;
        this.idChange.reset();
        this.forwarded = false;
        this.saved = null;
        this.ownTimeout.reset();
        state.reset();
    }

    /** As {@link SessionMap#setPrincipalName}: a new user also gets a new id. */
    void principal(@Nullable String name) {
        boolean changed = this.principals.record(state().records(), name);
        if (changed && name != null && this.stored != null && !this.idChange.isRotating()) {
            this.idChange.rotate();
        }
    }

    /** As {@link SessionMap#rotateId()}: the session gets a new id when it is written. */
    public void rotateId() {
        state();
        this.idChange.rotate();
    }

    /**
     * The session's id as it stands after this request: the new one after
     * {@link #rotateId()}, the one it will be saved under for a session this request
     * creates. A secret like the cookie; loads the session.
     */
    public String id() {
        state();
        return this.idChange.current(this.stored);
    }

    /** The session as loaded (or last written), {@code null} for a new one; loads it. */
    @Nullable StoredSession stored() {
        state();
        return this.stored;
    }

    /** The session's own timeout, once loaded. */
    OwnTimeout ownTimeout() {
        state();
        return this.ownTimeout;
    }

    /** As {@link SessionMap#save()}: writes now what is pending. */
    public void save() {
        if (this.finished) {
            throw new IllegalStateException("The session can no longer be saved: the response has been committed");
        }
        CookieUpdate update = writePending(state(), this.clock.instant());
        if (update != null) {
            this.saved = update;
        }
    }

    /**
     * Ends the session's part in the request: writes it if it changed (unless the request
     * failed) and returns what to do with the cookie. Only the first call does anything.
     * @param failed whether the request ended in a server error, whose changes are not
     * kept
     */
    public CookieUpdate finish(boolean failed) {
        CookieUpdate update = settle(failed);
        EndMarker ending = this.ending;
        // A log-out that reached the browser (its cookie cleared or replaced) leaves the
        // marker; a failed one does not.
        return (ending != null && update.action() != CookieUpdate.Action.NONE) ? update.withEndMarker(ending) : update;
    }

    private CookieUpdate settle(boolean failed) {
        SessionState state = this.state;
        if (this.finished || state == null) {
            this.finished = true;
            return CookieUpdate.NONE;
        }
        this.finished = true;
        if (failed) {
            // What an explicit save() wrote is kept, so the browser must learn its
            // cookie.
            return (this.saved != null) ? this.saved : CookieUpdate.NONE;
        }
        Instant now = this.clock.instant();
        CookieUpdate update = writePending(state, now);
        if (update != null) {
            return update;
        }
        if (this.saved != null) {
            return this.saved;
        }
        StoredSession session = this.stored;
        if (session == null) {
            return (this.cookieHeld && !this.ambiguous) ? CookieUpdate.CLEAR : CookieUpdate.NONE;
        }
        if (this.forwarded) {
            // Reached through an id replaced by rotation: hand the browser the current
            // one.
            return cookie(session.id(), session.expiresAt(), now);
        }
        return CookieUpdate.NONE;
    }

    /**
     * Writes what is pending and returns the cookie for it, or {@code null} when there
     * was nothing to write.
     */
    private @Nullable CookieUpdate writePending(SessionState state, Instant now) {
        if (this.gone) {
            // Whoever deleted the session answered with the cookie that must stand (see
            // commit).
            return CookieUpdate.NONE;
        }
        if (this.invalidated != null) {
            this.writer.delete(this.invalidated, now);
            this.invalidated = null;
        }
        SessionWriter.Pending pending = this.writer.pending(this.stored, state, this.ownTimeout.value(),
                this.idChange.isRotating(), this.idChange.chosen(), this.ownTimeout.isChanged(), now);
        return (pending != null) ? commit(this.writer.write(pending, now), state, now) : null;
    }

    private CookieUpdate commit(SessionWriter.Outcome outcome, SessionState state, Instant now) {
        if (outcome instanceof SessionWriter.NotApplied notApplied) {
            // The cookie the browser holds now is right, and re-sending this id could
            // overwrite a newer one.
            this.stored = notApplied.session();
            return CookieUpdate.NONE;
        }
        if (!(outcome instanceof SessionWriter.Written written)) {
            this.gone = true;
            this.stored = null;
            this.saved = null;
            // Another request of this session deleted it meanwhile: a log-out, whose
            // response cleared the
            // cookie, or a log-in, whose response set the new id. Either way that cookie
            // must stand.
            return CookieUpdate.NONE;
        }
        SessionWrite write = written.write();
        this.stored = SessionWriter.stored(write, now);
        state.markSaved();
        this.idChange.reset();
        this.ownTimeout.saved();
        this.forwarded = false;
        this.cookieHeld = true;
        return cookie(written.token(), write.expiresAt(), now);
    }

    private CookieUpdate cookie(String token, Instant expiresAt, Instant now) {
        return CookieUpdate.set(token, Duration.between(now, expiresAt), this.map.isExpireAtBrowserClose());
    }

}
