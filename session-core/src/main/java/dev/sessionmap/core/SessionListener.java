package dev.sessionmap.core;

/**
 * Hears what happens to sessions, for events and metrics: every method is called after
 * the store write it reports succeeded, on the thread that made it, and must not throw.
 * The auto-configuration publishes the events as Spring application events and counts
 * them in Micrometer.
 */
public interface SessionListener {

    /** Hears nothing. */
    SessionListener NONE = new SessionListener() {
    };

    /** A session was created, invalidated, given a new id or purged as expired. */
    default void onEvent(SessionEvent event) {
    }

    /**
     * A token the visitor presented led to no session, for this reason. A request that
     * presents several tokens may report several.
     */
    default void onRejected(RejectedToken reason) {
    }

    /**
     * A write met a concurrent write of the same session and re-applied its changes
     * {@code reapplied} times onto the fresher copy before it was written.
     */
    default void onWriteConflict(int reapplied) {
    }

}
