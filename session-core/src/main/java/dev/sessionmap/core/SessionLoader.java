package dev.sessionmap.core;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Finds the session a request's tokens lead to: the first that loads as a live session
 * the client is admitted to, through a forwarding entry if its id was replaced by
 * periodic rotation, and not one the visitor's end marker says was logged out.
 */
final class SessionLoader {

    private final SessionStore store;

    private final SessionSettings settings;

    private final ClientBinding binding;

    private final Supplier<List<String>> presentedTokens;

    private final Supplier<List<String>> presentedEndMarkers;

    private final SessionNotices notices;

    private final @Nullable PrincipalEpochs epochs;

    SessionLoader(SessionStore store, SessionSettings settings, ClientBinding binding,
            Supplier<List<String>> presentedTokens, Supplier<List<String>> presentedEndMarkers, SessionNotices notices,
            @Nullable PrincipalEpochs epochs) {
        this.store = store;
        this.settings = settings;
        this.binding = binding;
        this.presentedTokens = presentedTokens;
        this.presentedEndMarkers = presentedEndMarkers;
        this.notices = notices;
        this.epochs = epochs;
    }

    /**
     * What the request's tokens led to.
     *
     * @param session the session to serve, or {@code null} for a new one
     * @param forwarded whether it was reached through an id replaced by rotation, so the
     * cookie must be updated
     * @param cookieHeld whether the visitor presented any token
     * @param ambiguous whether several tokens were presented and none led anywhere: which
     * is the visitor's own is unknowable, so the cookie must not be cleared
     */
    record Found(@Nullable StoredSession session, boolean forwarded, boolean cookieHeld, boolean ambiguous) {
    }

    Found load(Instant now) {
        List<String> tokens = this.presentedTokens.get();
        boolean endedPresented = false;
        for (String token : tokens) {
            StoredEntry entry = StoredEntry.load(this.store, token);
            StoredSession session = (entry instanceof StoredEntry.Forward forward) ? forward.follow(this.store, now)
                    : (entry != null) ? entry.stored() : null;
            if (session == null) {
                this.notices.rejected(missing(token, entry));
                continue;
            }
            RejectedToken rejected = this.settings.isExpired(session, now) ? RejectedToken.EXPIRED
                    : !this.binding.admits(session) ? RejectedToken.WRONG_BINDING
                            : isRevoked(session) ? RejectedToken.REVOKED : null;
            if (rejected != null) {
                this.notices.rejected(rejected);
                continue;
            }
            if (wasEnded(session)) {
                // Re-sent by a request that was in flight at log-out: ours, ended, and to
                // be cleared.
                endedPresented = true;
                continue;
            }
            return new Found(session, entry instanceof StoredEntry.Forward, true, false);
        }
        // Which of several cookies is the visitor's own is unknowable: the others may
        // have been planted from a
        // sibling subdomain or on a longer path, and the visitor's may be past the
        // candidates read. Clearing
        // would remove the visitor's cookie, so a planted one could log them out.
        return new Found(null, false, !tokens.isEmpty(), tokens.size() > 1 && !endedPresented);
    }

    private RejectedToken missing(String token, @Nullable StoredEntry entry) {
        if (entry != null || (this.store.findsSessionsById() && SessionIds.isWellFormed(token))) {
            // A forwarding entry whose session is gone, or an id the store does not know.
            return RejectedToken.UNKNOWN_ID;
        }
        return this.store.isWellFormed(token) ? RejectedToken.TAMPERED : RejectedToken.MALFORMED;
    }

    /**
     * Whether the session belongs to a user whose sessions were revoked after it logged
     * in: checked only on a store that cannot revoke by deleting.
     */
    private boolean isRevoked(StoredSession session) {
        PrincipalEpochs epochs = this.epochs;
        if (epochs == null || this.store.revokesOnDelete()) {
            return false;
        }
        String principal = SessionRecords.principalOf(session.data());
        if (principal == null) {
            return false;
        }
        JsonNode recorded = session.data().get(SessionRecords.EPOCH);
        long epoch = (recorded != null && recorded.isIntegralNumber()) ? recorded.asLong() : 0;
        return epochs.current(principal) > epoch;
    }

    /**
     * Whether the visitor presented the end marker of this session, which a log-out left
     * on a store that cannot revoke.
     */
    private boolean wasEnded(StoredSession session) {
        if (this.store.revokesOnDelete()) {
            return false;
        }
        List<String> markers = this.presentedEndMarkers.get();
        return !markers.isEmpty() && markers.contains(EndMarker.valueOf(session.id()));
    }

}
