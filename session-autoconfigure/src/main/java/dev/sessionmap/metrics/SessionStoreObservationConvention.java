package dev.sessionmap.metrics;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of session store calls; a bean of this type replaces
 * {@link DefaultSessionStoreObservationConvention}.
 */
public interface SessionStoreObservationConvention extends ObservationConvention<SessionStoreContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof SessionStoreContext;
    }

}
