/**
 * A store that keeps sessions in the JVM's memory, for tests: Spring MVC test slices get
 * it when the application's own store needs infrastructure the slice leaves out.
 */
@NullMarked
package dev.sessionmap.store.memory;

import org.jspecify.annotations.NullMarked;
