/**
 * The compared app on sessionmap: the three endpoints on a {@code SessionMap}, on the
 * store {@code app.session.store} names.
 */
@NullMarked
package dev.sessionmap.benchmarks.apps.ours;

import org.jspecify.annotations.NullMarked;
