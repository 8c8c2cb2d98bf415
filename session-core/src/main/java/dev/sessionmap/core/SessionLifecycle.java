package dev.sessionmap.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request's life of a session, free of any web API: the tokens the visitor presented go in,
 * the handler uses {@link #map()}, and {@link #finish(boolean)} writes what changed and says what
 * the response must do with the cookie. Nothing touches the store until the map is first used.
 *
 * <p>Not thread-safe: one instance serves one request.
 */
public final class SessionLifecycle implements SessionBacking {

    /** When the session's id was last changed, in epoch milliseconds; recorded only when ids rotate periodically. */
    static final String ID_ISSUED_KEY = "_id_at";

    private final SessionStore store;

    private final SessionCodec codec;

    private final SessionSettings settings;

    private final Clock clock;

    private final Supplier<List<String>> presentedTokens;

    private final Supplier<List<String>> presentedEndMarkers;

    private final ClientBinding binding;

    private final TrackedSessionMap map;

    private @Nullable StoredSession stored;

    private @Nullable StoredSession invalidated;

    private @Nullable EndMarker ending;

    private @Nullable Duration ownTimeout;

    private boolean timeoutChanged;

    private boolean rotate;

    /**
     * The id the session gets when this request creates it or rotates its id, chosen when first asked for
     * ({@link #id()}) so that what a handler was told is what the store gets.
     */
    private @Nullable String nextId;

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
        this.presentedTokens = presentedTokens;
        this.presentedEndMarkers = presentedEndMarkers;
        this.binding = new ClientBinding(settings, client);
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
        List<String> tokens = this.presentedTokens.get();
        this.cookieHeld = !tokens.isEmpty();
        Instant now = this.clock.instant();
        boolean endedPresented = false;
        for (String token : tokens) {
            StoredSession session = live(token, now);
            if (session != null && wasEnded(session)) {
                // Re-sent by a request that was in flight at log-out: ours, ended, and to be cleared.
                endedPresented = true;
                this.forwarded = false;
            }
            else if (session != null) {
                this.stored = session;
                this.ownTimeout = session.timeout();
                return session.data();
            }
        }
        // Which of several cookies is the visitor's own is unknowable: the others may have been planted from a
        // sibling subdomain or on a longer path, and the visitor's may be past the candidates read. Clearing
        // would remove the visitor's cookie, so a planted one could log them out.
        this.ambiguous = tokens.size() > 1 && !endedPresented;
        return this.codec.newData();
    }

    /** Whether the visitor presented the end marker of this session, which a log-out left on a store that cannot revoke. */
    private boolean wasEnded(StoredSession session) {
        if (this.store.revokesOnDelete()) {
            return false;
        }
        List<String> markers = this.presentedEndMarkers.get();
        return !markers.isEmpty() && markers.contains(EndMarker.valueOf(session.id()));
    }

    /** The session {@code token} leads to, if it may be served to this client now. */
    private @Nullable StoredSession live(String token, Instant now) {
        StoredSession session = this.store.load(token);
        if (session != null && IdForwarding.isForward(session.data())) {
            session = follow(session, now);
        }
        if (session != null && !this.settings.isExpired(session, now) && this.binding.admits(session)) {
            return session;
        }
        this.forwarded = false;
        return null;
    }

    /** The session an id replaced by periodic rotation leads to during its grace period. */
    private @Nullable StoredSession follow(StoredSession forward, Instant now) {
        String target = IdForwarding.target(forward.id(), forward.data(), now);
        StoredSession session = (target != null) ? this.store.load(target) : null;
        if (session == null || IdForwarding.isForward(session.data())) {
            return null;
        }
        this.forwarded = true;
        return session;
    }

    @Override
    public boolean isNew() {
        return this.stored == null;
    }

    /**
     * The session's id as it stands after this request: the new one after {@link #rotateId()}, the one it will be
     * saved under for a session this request creates. A secret like the cookie; loads the session.
     */
    public String id() {
        this.map.isEmpty();
        StoredSession session = this.stored;
        if (session != null && !this.rotate) {
            return session.id();
        }
        if (this.nextId == null) {
            this.nextId = SessionIds.generate();
        }
        return this.nextId;
    }

    /**
     * The value of {@code name} as a servlet session attribute: of the type {@code attributes} recorded when it
     * was set, or in plain JSON types for a value put through the {@link SessionMap}. Loads the session.
     */
    public @Nullable Object getAttribute(String name, AttributeCodec attributes) {
        return this.map.getAttribute(name, attributes);
    }

    /** Sets a servlet session attribute, its type recorded by {@code attributes}, which checks it reads back. */
    public void setAttribute(String name, Object value, AttributeCodec attributes) {
        this.map.setAttribute(name, value, attributes);
    }

    @Override
    public void invalidate() {
        if (this.stored != null) {
            this.invalidated = this.stored;
            if (!this.store.revokesOnDelete()) {
                this.ending = EndMarker.of(this.stored.id(), this.settings);
            }
        }
        this.stored = null;
        this.rotate = false;
        this.nextId = null;
        this.forwarded = false;
        this.saved = null;
        this.ownTimeout = null;
        this.timeoutChanged = false;
        this.map.reset();
    }

    @Override
    public void rotateId() {
        if (!this.rotate) {
            this.nextId = null;
        }
        this.rotate = true;
    }

    @Override
    public void setTimeout(@Nullable Duration timeout) {
        this.ownTimeout = timeout;
        this.timeoutChanged = true;
    }

    @Override
    public Duration timeout() {
        return (this.ownTimeout != null) ? this.ownTimeout : this.settings.idleTimeout();
    }

    @Override
    public Instant createdAt() {
        StoredSession session = this.stored;
        return (session != null) ? session.createdAt() : this.clock.instant();
    }

    @Override
    public Instant lastAccessedAt() {
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
        CookieUpdate update = writePending(this.clock.instant());
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

    private CookieUpdate settle(boolean failed) {
        if (this.finished || !this.map.isLoaded()) {
            this.finished = true;
            return CookieUpdate.NONE;
        }
        this.finished = true;
        if (failed) {
            // What an explicit save() wrote is kept, so the browser must learn its cookie.
            return (this.saved != null) ? this.saved : CookieUpdate.NONE;
        }
        Instant now = this.clock.instant();
        CookieUpdate update = writePending(now);
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
    private @Nullable CookieUpdate writePending(Instant now) {
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
            if (this.map.isEmpty()) {
                return null;
            }
            String id = takeNextId();
            this.binding.record(this.map, id);
            SessionChanges changes = this.map.changes();
            return commit(new SessionWrite(null, id, this.map.data(), changes, now, now,
                    this.settings.expiry(now, now, this.ownTimeout), this.ownTimeout, true), now, false);
        }
        boolean periodic = !this.rotate && this.settings.isRotationDue(idIssuedAt(session), now);
        String id = this.rotate ? takeNextId() : periodic ? SessionIds.generate() : session.id();
        this.binding.record(this.map, id);
        if ((this.rotate || periodic) && this.settings.rotateIdEvery() != null) {
            this.map.put(ID_ISSUED_KEY, now.toEpochMilli());
        }
        SessionChanges changes = this.map.changes();
        boolean dataChanged = !changes.isEmpty() || this.rotate || periodic || this.timeoutChanged;
        if (!dataChanged && !session.resave() && !isTouchDue(session, now) && !this.settings.saveEveryRequest()) {
            return null;
        }
        SessionWrite write = new SessionWrite(session, id, this.map.data(), changes, session.createdAt(), now,
                this.settings.expiry(session.createdAt(), now, this.ownTimeout), this.ownTimeout, dataChanged);
        return commit(write, now, periodic && !this.settings.rotateIdGracePeriod().isZero());
    }

    private String takeNextId() {
        String id = (this.nextId != null) ? this.nextId : SessionIds.generate();
        this.nextId = null;
        return id;
    }

    private CookieUpdate commit(SessionWrite write, Instant now, boolean graceful) {
        SessionWrite written = write;
        String token;
        if (graceful) {
            GracefulRotation.Outcome outcome = new GracefulRotation(this.store, this.codec, this.settings, this.binding)
                .rotate(write, now);
            token = (outcome != null) ? outcome.token() : null;
            written = (outcome != null) ? outcome.write() : write;
        }
        else {
            token = this.store.save(write);
        }
        if (token == null && !write.dataChanged()) {
            // The refresh was not applied: the session is gone, moved to a new id, or another request refreshed it
            // later. Whichever, the cookie the browser holds now is right, and re-sending this id could overwrite it.
            // Not tried again in this request: a later save() or the end of the request would meet the same answer.
            StoredSession loaded = Objects.requireNonNull(write.previous(), "previous");
            this.stored = new StoredSession(loaded.id(), loaded.data(), loaded.createdAt(), now, loaded.expiresAt(),
                    loaded.timeout(), loaded.version(), false);
            return CookieUpdate.NONE;
        }
        if (token == null) {
            this.gone = true;
            this.stored = null;
            this.saved = null;
            // Another request of this session deleted it meanwhile: a log-out, whose response cleared the
            // cookie, or a log-in, whose response set the new id. Either way that cookie must stand.
            return CookieUpdate.NONE;
        }
        StoredSession previous = written.previous();
        long version = (previous == null) ? 0 : previous.version() + (written.dataChanged() ? 1 : 0);
        this.stored = new StoredSession(written.id(), written.data(), written.createdAt(), now, written.expiresAt(),
                written.timeout(), version, false);
        this.map.markSaved();
        this.rotate = false;
        this.timeoutChanged = false;
        this.forwarded = false;
        this.cookieHeld = true;
        return cookie(token, written.expiresAt(), now);
    }

    private CookieUpdate cookie(String token, Instant expiresAt, Instant now) {
        return CookieUpdate.set(token, Duration.between(now, expiresAt), this.map.isExpireAtBrowserClose());
    }

    private static Instant idIssuedAt(StoredSession session) {
        JsonNode issued = session.data().get(ID_ISSUED_KEY);
        return (issued != null && issued.isNumber()) ? Instant.ofEpochMilli(issued.asLong()) : session.createdAt();
    }

    private boolean isTouchDue(StoredSession session, Instant now) {
        return Duration.between(session.lastAccessedAt(), now).compareTo(this.settings.touchInterval()) >= 0;
    }
}
