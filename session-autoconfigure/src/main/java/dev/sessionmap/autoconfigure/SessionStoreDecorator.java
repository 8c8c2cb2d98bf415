package dev.sessionmap.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;

import dev.sessionmap.core.SessionStore;

/**
 * Wraps the {@link SessionStore} that the session filter,
 * {@link dev.sessionmap.core.UserSessions} and {@link dev.sessionmap.core.SessionAdmin}
 * call, for example to time its calls. Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order order}, the first innermost; the store
 * bean itself stays as it is.
 *
 * <p>
 * The store returned must implement every store interface the given one implements
 * ({@link dev.sessionmap.core.ServerSessionStore},
 * {@link dev.sessionmap.core.PurgeableSessionStore},
 * {@link dev.sessionmap.core.PrincipalSessionStore}) and forward every method, or the
 * callers lose what the store offers.
 */
@FunctionalInterface
public interface SessionStoreDecorator {

    /** The store to use in place of {@code store}, or {@code store} itself. */
    SessionStore decorate(SessionStore store);

    /** {@code store} with every decorator applied, in order. */
    static SessionStore applyAll(SessionStore store, ObjectProvider<SessionStoreDecorator> decorators) {
        SessionStore decorated = store;
        for (SessionStoreDecorator decorator : decorators.orderedStream().toList()) {
            decorated = decorator.decorate(decorated);
        }
        return decorated;
    }

}
