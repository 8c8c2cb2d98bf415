/**
 * The session store in Spring Boot's health endpoint.
 */
@NullMarked
package dev.sessionmap.health;

import org.jspecify.annotations.NullMarked;
