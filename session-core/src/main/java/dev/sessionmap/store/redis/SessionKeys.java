package dev.sessionmap.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import dev.sessionmap.core.SessionIds;

/**
 * Names the Redis keys: a session's, {@code <namespace>:session:{<SHA-256 of the id>}},
 * and those of the principal index ({@link PrincipalIndex}). Only the hash of the id
 * appears, so a copy of the keys (or of the data set) cannot be replayed as cookies. The
 * braces are a Redis Cluster hash tag: every key derived from one session hashes to the
 * same slot.
 */
final class SessionKeys {

    private final String prefix;

    private final String indexPrefix;

    private final String expiring;

    SessionKeys(String namespace) {
        this.prefix = validate(namespace) + ":session:";
        // Every key of the principal index shares one hash tag, the namespace, so one
        // script can update a user's index and the expiry queue together on a cluster.
        this.indexPrefix = namespace + ":principal:{" + namespace + "}:";
        this.expiring = namespace + ":expiring:{" + namespace + "}";
    }

    /**
     * {@code namespace} if it can prefix keys without breaking the hash tag; fails saying
     * why otherwise.
     */
    static String validate(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isBlank() || namespace.indexOf('{') >= 0 || namespace.indexOf('}') >= 0) {
            throw new IllegalArgumentException("The Redis namespace must be non-blank and contain no '{' or '}'"
                    + " (Redis Cluster would hash on them instead of the session): '" + namespace + "'");
        }
        return namespace;
    }

    /** The key of the session with this id. */
    String of(String id) {
        return this.prefix + "{" + SessionIds.hash(id) + "}";
    }

    /** The key of the session whose id has this {@linkplain SessionIds#hash hash}. */
    String ofHash(String idHash) {
        return this.prefix + "{" + idHash + "}";
    }

    /**
     * The key of the sorted set of {@code principal}'s sessions: the SHA-256 of the name
     * (UTF-8), so any name makes a key and none shows in the key space.
     */
    String principal(String principal) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
            return this.indexPrefix + HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    /**
     * The key of the sorted set of every indexed session by expiry, which the purge reads
     * to report expired sessions.
     */
    String expiring() {
        return this.expiring;
    }

    /**
     * A {@code SCAN MATCH} pattern for every session key of the namespace, and no other
     * key.
     */
    String pattern() {
        StringBuilder pattern = new StringBuilder();
        for (char c : this.prefix.toCharArray()) {
            if ("*?[]\\".indexOf(c) >= 0) {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append("{*}").toString();
    }

}
