/**
 * The apps that {@code benchmarks/load.sh} compares, each with the same endpoints
 * ({@code /counter}, {@code /read}, {@code /noop}), and what they share: the
 * {@code /bench/*} endpoints that report heap, stored sessions and SQL per request.
 */
@NullMarked
package dev.sessionmap.benchmarks.apps;

import org.jspecify.annotations.NullMarked;
