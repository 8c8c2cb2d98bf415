package dev.sessionmap.benchmarks.jmh;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;

/**
 * A store that does what the datastore store does to the data and nothing else:
 * {@code load} parses one stored JSON text, {@code save} writes the data as JSON text. So
 * a benchmark through it measures sessionmap's own work per request, without the
 * database.
 */
final class RecordingSessionStore implements SessionStore {

    private final SessionCodec codec;

    private final Instant lastAccessedAt;

    private String storedJson;

    private @Nullable String lastWritten;

    RecordingSessionStore(SessionCodec codec, String storedJson, Instant lastAccessedAt) {
        this.codec = codec;
        this.storedJson = storedJson;
        this.lastAccessedAt = lastAccessedAt;
    }

    @Override
    public StoredSession load(String token) {
        return new StoredSession(token, this.codec.parse(this.storedJson), this.lastAccessedAt, this.lastAccessedAt,
                this.lastAccessedAt.plus(Duration.ofDays(14)), null, 1, false);
    }

    @Override
    public String save(SessionWrite write) {
        this.lastWritten = this.codec.write(write.data());
        return write.id();
    }

    @Override
    public void delete(StoredSession session) {
    }

    /** The JSON text of the last save. */
    @Nullable String lastWritten() {
        return this.lastWritten;
    }

    /** Makes {@code json} the stored session that {@link #load} returns. */
    void store(String json) {
        this.storedJson = json;
    }

}
