package dev.sessionmap.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * A session as a store loaded it. Every component is one the library reads, whatever the
 * store: none is a store's private bookkeeping.
 *
 * @param id the session's identity inside its store (the cookie's id for server-side
 * stores)
 * @param data the data as written: the application's values and the library's records,
 * one JSON property per key
 * @param createdAt when the session was first saved
 * @param lastAccessedAt when a request last refreshed it
 * @param expiresAt when it stops being served
 * @param timeout the session's own idle timeout, or {@code null} for the configured one
 * @param version the store's optimistic-locking version, handed back as
 * {@code SessionWrite.previous()} so the store can tell whether another request wrote
 * meanwhile; a store that cannot be written concurrently (the secure cookie) leaves it 0
 * @param resave whether the store wants it written again even if nothing changed, so that
 * it is stored in the store's current form: a cookie sealed with a previous secret, or
 * any store's older format that it migrates on write; {@code false} from the shorter
 * constructor
 */
public record StoredSession(String id, ObjectNode data, Instant createdAt, Instant lastAccessedAt, Instant expiresAt,
        @Nullable Duration timeout, long version, boolean resave) {

    /**
     * A session as loaded, with no wish to be written again: what every store but one
     * that migrates returns.
     */
    public StoredSession(String id, ObjectNode data, Instant createdAt, Instant lastAccessedAt, Instant expiresAt,
            @Nullable Duration timeout, long version) {
        this(id, data, createdAt, lastAccessedAt, expiresAt, timeout, version, false);
    }
}
