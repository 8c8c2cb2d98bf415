/**
 * The Redis store: one Redis hash per session, keyed by the SHA-256 of the id under a
 * configurable namespace, written field by field through Lua scripts and expired by Redis
 * itself; sessions with a user are also indexed by that user, in sorted sets that expire
 * with the sessions they name.
 */
@NullMarked
package dev.sessionmap.store.redis;

import org.jspecify.annotations.NullMarked;
