package dev.sessionmap.store.memory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.IndexedSession;
import dev.sessionmap.core.PrincipalSessionStore;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;

/**
 * Sessions in a map in this JVM, for tests only: nothing survives a restart, nothing is
 * shared between instances and nothing expired is ever removed. Concurrent writes keep
 * the same guarantees as the datastore store: changes are re-applied key by key onto a
 * session another request changed, a session deleted meanwhile is not brought back, and a
 * write that finds a forwarding entry is not applied. A whole {@link SessionStore} in a
 * few lines, written from the SPI's Javadoc alone. Finding a user's sessions scans them
 * all.
 */
public class InMemorySessionStore implements PrincipalSessionStore {

    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();

    private final SessionCodec codec;

    public InMemorySessionStore(SessionCodec codec) {
        this.codec = codec;
    }

    @Override
    public @Nullable StoredSession load(String token) {
        return this.sessions.get(token);
    }

    @Override
    public @Nullable String save(SessionWrite write) {
        StoredSession previous = write.previous();
        if (previous == null) {
            this.sessions.put(write.id(), stored(write, write, 0));
            return write.id();
        }
        StoredSession[] written = new StoredSession[1];
        this.sessions.computeIfPresent(previous.id(), (id, current) -> {
            SessionWrite applied = (current.version() == previous.version()) ? write
                    : write.rebasedOn(current, this.codec);
            if (applied == null) {
                // A forwarding entry: the session moved to another id meanwhile, and the
                // caller follows it.
                return current;
            }
            written[0] = stored(applied, write, current.version() + 1);
            return write.isRotation() ? null : written[0];
        });
        if (written[0] == null) {
            return null;
        }
        if (write.isRotation()) {
            this.sessions.put(write.id(), written[0]);
        }
        return write.id();
    }

    /**
     * Both writes only if the session is still the version loaded, and the forwarding
     * entry takes the next version, so a late writer that loaded the previous one
     * re-applies its changes (and finds the entry) instead of overwriting it. The new id
     * is written first: no one knows it yet, and both ids lead to the session throughout.
     */
    @Override
    public @Nullable String rotate(SessionWrite move, SessionWrite forward) {
        StoredSession previous = move.previous();
        if (previous == null || !move.isRotation()) {
            return save(move);
        }
        long version = previous.version() + 1;
        this.sessions.put(move.id(), stored(move, move, version));
        boolean[] forwarded = new boolean[1];
        this.sessions.computeIfPresent(previous.id(), (id, current) -> {
            if (current.version() != previous.version()) {
                return current;
            }
            forwarded[0] = true;
            return stored(forward, forward, version);
        });
        if (!forwarded[0]) {
            this.sessions.remove(move.id());
            return null;
        }
        return move.id();
    }

    @Override
    public void delete(StoredSession session) {
        this.sessions.remove(session.id());
    }

    @Override
    public long count(Instant now) {
        return this.sessions.values().stream().filter((session) -> session.expiresAt().isAfter(now)).count();
    }

    @Override
    public List<IndexedSession> findByPrincipal(String principal, Instant now) {
        return this.sessions.values()
            .stream()
            .filter((session) -> session.expiresAt().isAfter(now)
                    && principal.equals(SessionRecords.principalOf(session.data())))
            .map((session) -> new IndexedSession(SessionIds.hash(session.id()), session.data().deepCopy(),
                    session.createdAt(), session.lastAccessedAt(), session.expiresAt()))
            .toList();
    }

    @Override
    public boolean deleteByIdHash(String idHash) {
        return this.sessions.keySet().removeIf((id) -> SessionIds.hash(id).equals(idHash));
    }

    private static StoredSession stored(SessionWrite data, SessionWrite write, long version) {
        return new StoredSession(write.id(), data.data().deepCopy(), write.createdAt(), write.lastAccessedAt(),
                write.expiresAt(), write.timeout(), version);
    }

}
