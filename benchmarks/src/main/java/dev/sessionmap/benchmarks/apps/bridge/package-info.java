/**
 * The compared app on sessionmap behind the servlet {@code HttpSession}: the peers' very
 * controller, on the store {@code app.session.store} names.
 */
@NullMarked
package dev.sessionmap.benchmarks.apps.bridge;

import org.jspecify.annotations.NullMarked;
