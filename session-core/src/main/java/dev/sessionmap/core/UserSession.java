package dev.sessionmap.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One of a user's live sessions, as {@link UserSessions#list} shows it.
 *
 * @param id the {@linkplain SessionIds#hash SHA-256 of the session's id}, as
 * {@code HttpSession.getId()} shows it: what {@link UserSessions#revoke} takes, safe to
 * put in a page, useless as a cookie
 * @param createdAt when the session was first saved
 * @param lastAccessedAt when a request last refreshed it (to within the touch interval)
 * @param expiresAt when it stops being served unless used again
 * @param userAgent the {@code User-Agent} it logged in with, or {@code null}
 * @param current whether it is the session of the request asking
 */
public record UserSession(String id, Instant createdAt, Instant lastAccessedAt, Instant expiresAt,
        @Nullable String userAgent, boolean current) {
}
