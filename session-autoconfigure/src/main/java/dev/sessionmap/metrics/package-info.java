/**
 * What operators see of sessions: Micrometer meters and observations of store calls and
 * session events, the live-session gauge, and the secure-cookie size warning.
 */
@NullMarked
package dev.sessionmap.metrics;

import org.jspecify.annotations.NullMarked;
