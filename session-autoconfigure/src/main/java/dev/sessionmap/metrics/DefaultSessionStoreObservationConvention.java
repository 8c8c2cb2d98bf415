package dev.sessionmap.metrics;

import io.micrometer.common.KeyValues;

/**
 * Session store calls as the observation {@value #NAME} (so the timer
 * {@code sessionmap.store}) with the tags {@code store}, {@code operation} and
 * {@code outcome}, and spans named {@code sessionmap <operation>}.
 */
public class DefaultSessionStoreObservationConvention implements SessionStoreObservationConvention {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "sessionmap.store";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(SessionStoreContext context) {
        return "sessionmap " + context.getOperation();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(SessionStoreContext context) {
        return KeyValues.of("store", context.getStore(), "operation", context.getOperation(), "outcome",
                context.getOutcome());
    }

}
