/**
 * The datastore store on H2, PostgreSQL and MariaDB, over real HTTP: one suite, one
 * subclass per database.
 */
@NullMarked
package dev.sessionmap.integration;

import org.jspecify.annotations.NullMarked;
