/**
 * The session model: {@link dev.sessionmap.core.SessionMap}, ids, expiry, the record of
 * changes, the JSON codec and the {@link dev.sessionmap.core.SessionStore} interface that
 * every store implements.
 */
@NullMarked
package dev.sessionmap.core;

import org.jspecify.annotations.NullMarked;
