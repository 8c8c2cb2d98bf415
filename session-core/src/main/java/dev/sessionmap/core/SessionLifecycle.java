package dev.sessionmap.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;


/**
 * One request's life of a session, free of any web API: the tokens the visitor presented go in,
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

    private final ClientBinding binding;

    private final SessionLoader loader;

    private final SessionWriter writer;

    private final TrackedSessionMap map;

    private @Nullable SessionState state;

    private @Nullable StoredSession stored;

    private @Nullable StoredSession invalidated;

    private @Nullable EndMarker ending;

    private @Nullable Duration ownTimeout;

    private boolean timeoutChanged;

    private boolean rotate;

    private boolean forwarded;

    private boolean cookieHeld;

    private boolean ambiguous;

    private @Nullable CookieUpdate saved;

    private boolean gone;

    private boolean finished;

    public SessionLifecycle(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            @Nullable String presentedToken) {
        this(store, codec, settings, clock, presentedToken, SessionClient.UNKNOWN);
    }

    /**
     * @param client what the request says about the client, for sessions bound to it
     */
    public SessionLifecycle(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            @Nullable String presentedToken, SessionClient client) {
        this(store, codec, settings, clock, () -> (presentedToken != null) ? List.of(presentedToken) : List.of(), client);
    }

    /**
     * @param presentedTokens reads the tokens the visitor presented, in the order sent (empty for none);
     * called only when the map is first used, so a request that never touches the session never reads its
     * cookie. The first that loads as a live session the client is admitted to is served.
     * @param client what the request says about the client, for sessions bound to it
     */
    public SessionLifecycle(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            Supplier<List<String>> presentedTokens, SessionClient client) {
        this(store, codec, settings, clock, presentedTokens, List::of, client);
    }

    /**
     * @param presentedTokens reads the tokens the visitor presented, in the order sent (empty for none);
     * called only when the map is first used, so a request that never touches the session never reads its
     * cookie. The first that loads as a live session the client is admitted to is served.
     * @param presentedEndMarkers reads the {@linkplain EndMarker#value() end markers} the visitor presented;
     * called only when a session loads on a store that cannot revoke sessions
     * @param client what the request says about the client, for sessions bound to it
     */
    public SessionLifecycle(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            Supplier<List<String>> presentedTokens, Supplier<List<String>> presentedEndMarkers, SessionClient client) {
        this.store = store;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.binding = new ClientBinding(settings, client);
        this.loader = new SessionLoader(store, settings, this.binding, presentedTokens, presentedEndMarkers);
        this.writer = new SessionWriter(store, codec, settings, this.binding);
        this.map = new TrackedSessionMap(this);
    }

    /** The session as the handler sees it, the application's values only; loaded on first use. */
    public SessionMap map() {
        return this.map;
    }

    /**
     * The library's own records kept with the session, apart from the application's values (see
     * {@link SessionRecords}); loads the session if it was not loaded yet.
     */
    public SessionRecords records() {
        return state().records();
    }

    /** Whether the handler used the session, so the store was (or will be) consulted. */
    public boolean isUsed() {
        return this.state != null;
    }

    @Override
    public SessionState state() {
        if (this.state == null) {
            SessionLoader.Found found = this.loader.load(this.clock.instant());
            this.stored = found.session();
            this.forwarded = found.forwarded();
            this.cookieHeld = found.cookieHeld();
            this.ambiguous = found.ambiguous();
            this.ownTimeout = (this.stored != null) ? this.stored.timeout() : null;
            this.state = SessionState.of((this.stored != null) ? this.stored.data() : this.codec.newData(), this.codec);
        }
        return this.state;
    }

    @Override
    public boolean isNew() {
        state();
        return this.stored == null;
    }

    @Override
    public void invalidate() {
        SessionState state = state();
        if (this.stored != null) {
            this.invalidated = this.stored;
            if (!this.store.revokesOnDelete()) {
                this.ending = EndMarker.of(this.stored.id(), this.settings);
            }
        }
        this.stored = null;
        this.rotate = false;
        this.forwarded = false;
        this.saved = null;
        this.ownTimeout = null;
        this.timeoutChanged = false;
        state.reset();
    }

    @Override
    public void rotateId() {
        state();
        this.rotate = true;
    }

    @Override
    public void setTimeout(@Nullable Duration timeout) {
        state();
        this.ownTimeout = timeout;
        this.timeoutChanged = true;
    }

    @Override
    public Duration timeout() {
        state();
        return (this.ownTimeout != null) ? this.ownTimeout : this.settings.idleTimeout();
    }

    @Override
    public Instant createdAt() {
        state();
        StoredSession session = this.stored;
        return (session != null) ? session.createdAt() : this.clock.instant();
    }

    @Override
    public Instant lastAccessedAt() {
        state();
        StoredSession session = this.stored;
        return (session != null) ? session.lastAccessedAt() : this.clock.instant();
    }

    @Override
    public Instant expiresAt() {
        return this.settings.expiry(createdAt(), lastAccessedAt(), this.ownTimeout);
    }

    @Override
    public boolean expireAtBrowserCloseByDefault() {
        return this.settings.expireAtBrowserClose();
    }

    @Override
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
     * Ends the session's part in the request: writes it if it changed (unless the request failed)
     * and returns what to do with the cookie. Only the first call does anything.
     *
     * @param failed whether the request ended in a server error, whose changes are not kept
     */
    public CookieUpdate finish(boolean failed) {
        CookieUpdate update = settle(failed);
        EndMarker ending = this.ending;
        // A log-out that reached the browser (its cookie cleared or replaced) leaves the marker; a failed one does not.
        return (ending != null && update.action() != CookieUpdate.Action.NONE) ? update.withEndMarker(ending) : update;
    }

    /** This request's pending changes to values and records, for tests of what a store is asked to replay. */
    SessionChanges changes() {
        return state().changes();
    }

    private CookieUpdate settle(boolean failed) {
        SessionState state = this.state;
        if (this.finished || state == null) {
            this.finished = true;
            return CookieUpdate.NONE;
        }
        this.finished = true;
        if (failed) {
            // What an explicit save() wrote is kept, so the browser must learn its cookie.
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
            // Reached through an id replaced by rotation: hand the browser the current one.
            return cookie(session.id(), session.expiresAt(), now);
        }
        return CookieUpdate.NONE;
    }

    /** Writes what is pending and returns the cookie for it, or {@code null} when there was nothing to write. */
    private @Nullable CookieUpdate writePending(SessionState state, Instant now) {
        if (this.gone) {
            // Whoever deleted the session answered with the cookie that must stand (see commit).
            return CookieUpdate.NONE;
        }
        if (this.invalidated != null) {
            this.store.delete(this.invalidated);
            this.invalidated = null;
        }
        StoredSession session = this.stored;
        if (session == null) {
            if (state.isEmpty()) {
                return null;
            }
            String id = SessionIds.generate();
            this.binding.record(state.records(), id);
            state.changes();
            SessionWrite write = SessionWrite.create(id, state.data(), now, this.settings.expiry(now, now, this.ownTimeout))
                .withTimeout(this.ownTimeout);
            return commit(this.writer.write(write, now, false), state, now);
        }
        boolean periodic = !this.rotate && this.settings.isRotationDue(state.records().idIssuedAt(session.createdAt()), now);
        boolean moving = this.rotate || periodic;
        String id = moving ? SessionIds.generate() : session.id();
        this.binding.record(state.records(), id);
        if (moving && this.settings.rotateIdEvery() != null) {
            state.records().recordIdIssued(now);
        }
        SessionChanges changes = state.changes();
        Instant expiresAt = this.settings.expiry(session.createdAt(), now, this.ownTimeout);
        SessionWrite write;
        if (!changes.isEmpty() || moving || this.timeoutChanged) {
            write = SessionWrite.update(session, state.data(), changes, now, expiresAt).withTimeout(this.ownTimeout).movedTo(id);
        }
        else if (session.resave() || isTouchDue(session, now) || this.settings.saveEveryRequest()) {
            write = SessionWrite.touch(session, now, expiresAt);
        }
        else {
            return null;
        }
        boolean graceful = periodic && !this.settings.rotateIdGracePeriod().isZero() && this.store.findsSessionsById();
        return commit(this.writer.write(write, now, graceful), state, now);
    }

    private CookieUpdate commit(SessionWriter.Outcome outcome, SessionState state, Instant now) {
        if (outcome instanceof SessionWriter.NotApplied notApplied) {
            // The refresh was not applied: the session is gone, moved to a new id, or another request refreshed it
            // later. Whichever, the cookie the browser holds now is right, and re-sending this id could overwrite it.
            // Not tried again in this request: a later save() or the end of the request would meet the same answer.
            StoredSession loaded = notApplied.loaded();
            this.stored = new StoredSession(loaded.id(), loaded.data(), loaded.createdAt(), now, loaded.expiresAt(),
                    loaded.timeout(), loaded.version());
            return CookieUpdate.NONE;
        }
        if (!(outcome instanceof SessionWriter.Written written)) {
            this.gone = true;
            this.stored = null;
            this.saved = null;
            // Another request of this session deleted it meanwhile: a log-out, whose response cleared the
            // cookie, or a log-in, whose response set the new id. Either way that cookie must stand.
            return CookieUpdate.NONE;
        }
        SessionWrite write = written.write();
        this.stored = SessionWriter.stored(write, now);
        state.markSaved();
        this.rotate = false;
        this.timeoutChanged = false;
        this.forwarded = false;
        this.cookieHeld = true;
        return cookie(written.token(), write.expiresAt(), now);
    }

    private CookieUpdate cookie(String token, Instant expiresAt, Instant now) {
        return CookieUpdate.set(token, Duration.between(now, expiresAt), this.map.isExpireAtBrowserClose());
    }

    private boolean isTouchDue(StoredSession session, Instant now) {
        return Duration.between(session.lastAccessedAt(), now).compareTo(this.settings.touchInterval()) >= 0;
    }
}
