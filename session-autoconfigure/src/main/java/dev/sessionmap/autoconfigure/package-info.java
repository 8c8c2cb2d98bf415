/**
 * Spring Boot auto-configuration for sessionmap: the {@code app.session.*} properties,
 * the request lifecycle, and one auto-configuration per store.
 */
@NullMarked
package dev.sessionmap.autoconfigure;

import org.jspecify.annotations.NullMarked;
