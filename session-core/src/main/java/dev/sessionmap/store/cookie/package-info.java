/**
 * The secure-cookie store: the whole session sealed into the cookie with AES-256-GCM,
 * under keys derived with HKDF-SHA256 from the configured secrets, so the server keeps
 * nothing.
 */
@NullMarked
package dev.sessionmap.store.cookie;

import org.jspecify.annotations.NullMarked;
