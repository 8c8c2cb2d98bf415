/**
 * What the server-side stores share: {@link dev.sessionmap.store.AtRestSealer}, which
 * encrypts a session's data before it reaches the database or Redis. Each store lives in
 * a package of its own below this one.
 */
@NullMarked
package dev.sessionmap.store;

import org.jspecify.annotations.NullMarked;
