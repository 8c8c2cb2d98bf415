/**
 * Peer 2: Tomcat's in-memory {@code HttpSession}, the upper bound: no persistence at all.
 */
@NullMarked
package dev.sessionmap.benchmarks.apps.memory;

import org.jspecify.annotations.NullMarked;
