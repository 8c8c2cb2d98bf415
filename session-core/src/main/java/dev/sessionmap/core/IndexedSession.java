package dev.sessionmap.core;

import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

/**
 * A session as {@link PrincipalSessionStore#findByPrincipal} found it: known by the hash
 * of its id only, since no store keeps the id itself.
 *
 * @param idHash the {@linkplain SessionIds#hash SHA-256 of the id}, which is also what
 * {@code HttpSession.getId()} shows for it
 * @param data the data as written
 * @param createdAt when the session was first saved
 * @param lastAccessedAt when a request last refreshed it
 * @param expiresAt when it stops being served
 */
public record IndexedSession(String idHash, ObjectNode data, Instant createdAt, Instant lastAccessedAt,
        Instant expiresAt) {
}
