/**
 * Peer 1: Spring Session JDBC, configured by Spring Boot, behind the servlet
 * {@code HttpSession}.
 */
@NullMarked
package dev.sessionmap.benchmarks.apps.jdbc;

import org.jspecify.annotations.NullMarked;
