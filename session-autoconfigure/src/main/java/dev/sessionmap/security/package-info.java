/**
 * Spring Security on sessionmap's stores: the {@code SessionRegistry} behind Spring
 * Security's session limit ({@code maximumSessions}), answered by the store, so the limit
 * holds across every instance of the application.
 */
@NullMarked
package dev.sessionmap.security;

import org.jspecify.annotations.NullMarked;
