package dev.sessionmap.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/** A test store keeping sessions in a map, to test the lifecycle without a database. */
class MemorySessionStore implements SessionStore {

    final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();

    int loads;

    int saves;

    @Override
    public @Nullable StoredSession load(String token) {
        this.loads++;
        return this.sessions.get(token);
    }

    @Override
    public synchronized @Nullable String save(SessionWrite write) {
        this.saves++;
        if (write.previous() != null) {
            if (this.sessions.remove(write.previous().id()) == null) {
                return null;
            }
        }
        long version = (write.previous() != null) ? write.previous().version() + 1 : 0;
        this.sessions.put(write.id(), new StoredSession(write.id(), write.data(), write.createdAt(),
                write.lastAccessedAt(), write.expiresAt(), write.timeout(), version));
        return write.id();
    }

    /**
     * Like the JPA store: both writes at once, and only if the session is still the
     * version loaded.
     */
    @Override
    public synchronized @Nullable String rotate(SessionWrite move, SessionWrite forward) {
        StoredSession previous = move.previous();
        StoredSession current = (previous != null) ? this.sessions.get(previous.id()) : null;
        if (current == null || current.version() != previous.version()) {
            return null;
        }
        this.saves++;
        long version = current.version() + 1;
        this.sessions.put(forward.id(), new StoredSession(forward.id(), forward.data(), forward.createdAt(),
                forward.lastAccessedAt(), forward.expiresAt(), null, version));
        this.sessions.put(move.id(), new StoredSession(move.id(), move.data(), move.createdAt(), move.lastAccessedAt(),
                move.expiresAt(), move.timeout(), version));
        return move.id();
    }

    @Override
    public void delete(StoredSession session) {
        this.sessions.remove(session.id());
    }

}
