/**
 * What sessionmap's metrics add to a request, measured in CPU time per request.
 */
@NullMarked
package dev.sessionmap.benchmarks.overhead;

import org.jspecify.annotations.NullMarked;
