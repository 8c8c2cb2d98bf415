/**
 * Actuator endpoints for sessionmap: who is logged in where, for operators.
 */
@NullMarked
package dev.sessionmap.actuate;

import org.jspecify.annotations.NullMarked;
