/**
 * What an application's own tests need: seed and read a visitor's session
 * ({@link TestSessions}, {@link SessionMapRequests} for MockMvc) and a clock the test
 * moves ({@link MovableClock}).
 */
@NullMarked
package dev.sessionmap.test;

import org.jspecify.annotations.NullMarked;
