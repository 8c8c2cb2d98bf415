/**
 * The fail-over measurement: visitors under steady load while a Redis primary is killed
 * ({@code benchmarks/failover.sh}).
 */
@NullMarked
package dev.sessionmap.benchmarks.failover;

import org.jspecify.annotations.NullMarked;
