package dev.sessionmap.store.redis;

import java.util.Objects;

import dev.sessionmap.core.SessionIds;

/**
 * Names the Redis key of a session: {@code <namespace>:session:{<SHA-256 of the id>}}.
 * Only the hash of the id appears, so a copy of the keys (or of the data set) cannot be
 * replayed as cookies. The braces are a Redis Cluster hash tag: every key derived from
 * one session hashes to the same slot.
 */
final class SessionKeys {

    private final String prefix;

    SessionKeys(String namespace) {
        this.prefix = validate(namespace) + ":session:";
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
