/**
 * The datastore store: sessions in one relational table of a {@code DataSource}, through
 * Spring JDBC, with only a random id in the cookie and its SHA-256 hash as the key.
 */
@NullMarked
package dev.sessionmap.store.jdbc;

import org.jspecify.annotations.NullMarked;
