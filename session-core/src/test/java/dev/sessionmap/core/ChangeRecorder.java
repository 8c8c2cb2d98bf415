package dev.sessionmap.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records the changes a handler makes to a loaded session, through a real
 * {@link SessionMap}, for store tests.
 */
public final class ChangeRecorder {

    private ChangeRecorder() {
    }

    public static SessionChanges record(SessionCodec codec, StoredSession session,
            Consumer<Map<String, Object>> handler) {
        MemorySessionStore store = new MemorySessionStore();
        store.sessions.put(session.id(), session);
        Clock clock = Clock.fixed(session.lastAccessedAt(), java.time.ZoneOffset.UTC);
        SessionLifecycle lifecycle = new SessionLifecycle(store, codec,
                new SessionSettings(Duration.ofDays(365), null, Duration.ofDays(1)), clock, session.id());
        handler.accept(lifecycle.map());
        return lifecycle.state().changes();
    }

}
