package dev.sessionmap.autoconfigure;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

import dev.sessionmap.core.RejectedToken;
import dev.sessionmap.core.SessionEvent;
import dev.sessionmap.core.SessionListener;

/**
 * Every {@link SessionListener} of the application, with the events published as Spring
 * application events first. A listener that throws is logged and does not stop the
 * others, nor the request: the write it hears about has happened.
 */
final class SessionListeners implements SessionListener {

    private static final Logger logger = LoggerFactory.getLogger(SessionListeners.class);

    private final ApplicationEventPublisher publisher;

    private final List<SessionListener> listeners;

    SessionListeners(ApplicationEventPublisher publisher, List<SessionListener> listeners) {
        this.publisher = publisher;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onEvent(SessionEvent event) {
        try {
            this.publisher.publishEvent(event);
        }
        catch (RuntimeException ex) {
            logger.warn("A listener of {} failed", event.getClass().getSimpleName(), ex);
        }
        for (SessionListener listener : this.listeners) {
            try {
                listener.onEvent(event);
            }
            catch (RuntimeException ex) {
                logger.warn("Session listener {} failed on {}", listener, event.getClass().getSimpleName(), ex);
            }
        }
    }

    @Override
    public void onRejected(RejectedToken reason) {
        for (SessionListener listener : this.listeners) {
            try {
                listener.onRejected(reason);
            }
            catch (RuntimeException ex) {
                logger.warn("Session listener {} failed on a rejected token", listener, ex);
            }
        }
    }

    @Override
    public void onWriteConflict(int reapplied) {
        for (SessionListener listener : this.listeners) {
            try {
                listener.onWriteConflict(reapplied);
            }
            catch (RuntimeException ex) {
                logger.warn("Session listener {} failed on a write conflict", listener, ex);
            }
        }
    }

}
