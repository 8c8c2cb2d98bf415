package dev.sessionmap.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

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
        tellEach((listener) -> listener.onEvent(event), event.getClass().getSimpleName());
    }

    @Override
    public void onRejected(RejectedToken reason) {
        tellEach((listener) -> listener.onRejected(reason), "a rejected token");
    }

    @Override
    public void onWriteConflict(int reapplied) {
        tellEach((listener) -> listener.onWriteConflict(reapplied), "a write conflict");
    }

    private void tellEach(Consumer<SessionListener> call, String what) {
        for (SessionListener listener : this.listeners) {
            try {
                call.accept(listener);
            }
            catch (RuntimeException ex) {
                logger.warn("Session listener {} failed on {}", listener, what, ex);
            }
        }
    }

}
