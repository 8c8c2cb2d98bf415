/** The sample application: the classic session examples on sessionmap. */
@NullMarked
package dev.sessionmap.sample;

import org.jspecify.annotations.NullMarked;
