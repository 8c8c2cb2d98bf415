package dev.sessionmap.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link SessionLifecycle} tells and asks beyond its store: who hears about
 * sessions being created, ended and refused, and where users' revocation epochs are kept
 * for a store that keeps no sessions.
 *
 * @param listener hears events, rejected tokens and write conflicts
 * @param epochs the users' revocation epochs, or {@code null} when sessions a store does
 * not keep cannot be revoked
 */
public record SessionHooks(SessionListener listener, @Nullable PrincipalEpochs epochs) {

    /** Nobody listens, and nothing is revocable beyond what the store offers. */
    public static final SessionHooks NONE = new SessionHooks(SessionListener.NONE, null);

    public SessionHooks {
        Objects.requireNonNull(listener, "listener");
    }

}
