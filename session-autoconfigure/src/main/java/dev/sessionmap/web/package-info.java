/**
 * The request lifecycle on the servlet stack: the filter that runs a session around each
 * request and writes its cookie before the response commits, the cookie rules, and the
 * Spring MVC argument resolver for {@link dev.sessionmap.core.SessionMap} parameters.
 */
@NullMarked
package dev.sessionmap.web;

import org.jspecify.annotations.NullMarked;
