/**
 * The datastore store: sessions in one relational table through JPA, with only a random id in the
 * cookie and its SHA-256 hash as the key.
 */
@NullMarked
package dev.sessionmap.store.jpa;

import org.jspecify.annotations.NullMarked;
