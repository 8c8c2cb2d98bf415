package dev.sessionmap.core;

import org.jspecify.annotations.Nullable;

/**
 * A session {@link PurgeableSessionStore#purgeExpired} deleted because it expired.
 *
 * @param idHash the {@linkplain SessionIds#hash SHA-256 of its id}
 * @param principal the user it belonged to, or {@code null} for an anonymous session
 */
public record PurgedSession(String idHash, @Nullable String principal) {
}
