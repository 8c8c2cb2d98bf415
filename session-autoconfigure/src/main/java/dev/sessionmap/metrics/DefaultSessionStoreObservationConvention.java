package dev.sessionmap.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValues;

/**
 * Session store calls as the observation {@value #NAME} (so the timer
 * {@code sessionmap.store}) with the tags {@code store}, {@code operation} and
 * {@code outcome}, and spans named {@code sessionmap <operation>}.
 */
public class DefaultSessionStoreObservationConvention implements SessionStoreObservationConvention {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "sessionmap.store";

    // A few dozen combinations at most; made once each, as every store call asks twice.
    private final Map<Key, KeyValues> keyValues = new ConcurrentHashMap<>();

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
        return this.keyValues.computeIfAbsent(new Key(context.getStore(), context.getOperation(), context.getOutcome()),
                (key) -> KeyValues.of("store", key.store(), "operation", key.operation(), "outcome", key.outcome()));
    }

    private record Key(String store, String operation, String outcome) {
    }

}
