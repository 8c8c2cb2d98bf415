package dev.sessionmap.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Records who a session belongs to ({@link SessionMap#setPrincipalName}): the name, the
 * client's user agent for a list of the user's sessions, and, on a store that revokes by
 * epoch, the user's current epoch.
 */
final class PrincipalRecorder {

    private final SessionStore store;

    private final @Nullable PrincipalEpochs epochs;

    private final SessionClient client;

    PrincipalRecorder(SessionStore store, @Nullable PrincipalEpochs epochs, SessionClient client) {
        this.store = store;
        this.epochs = epochs;
        this.client = client;
    }

    /** Records {@code name} (or clears it); whether it differs from the one recorded. */
    boolean record(SessionRecords records, @Nullable String name) {
        if (Objects.equals(name, records.principal())) {
            return false;
        }
        PrincipalEpochs epochs = this.epochs;
        Long epoch = (name != null && epochs != null && !this.store.revokesOnDelete()) ? epochs.latest(name) : null;
        records.principal(name, this.client.userAgent(), epoch);
        return true;
    }

}
