/**
 * JMH benchmarks of sessionmap's hot paths, run from {@code target/benchmarks-jmh.jar}
 * (see {@code benchmarks/README.md}).
 */
@NullMarked
package dev.sessionmap.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
