package dev.sessionmap.metrics;

import io.micrometer.observation.Observation;

/**
 * One call to a session store, as an {@link Observation} sees it: which store, which
 * operation, and how it ended.
 */
public class SessionStoreContext extends Observation.Context {

    /** The outcome before the call has ended. */
    public static final String UNKNOWN = "unknown";

    /** The call did what it was asked. */
    public static final String SUCCESS = "success";

    /**
     * The call found no session: {@code load} of an unknown token, a {@code save} of a
     * session deleted or moved meanwhile, a delete by id of none.
     */
    public static final String NOT_FOUND = "not-found";

    /** The call threw (the store is unreachable, or the session too large). */
    public static final String FAILURE = "failure";

    private final String store;

    private final String operation;

    private String outcome = UNKNOWN;

    /**
     * @param store the kind of store: {@code datastore}, {@code secure-cookie},
     * {@code redis} or {@code custom}
     * @param operation the store method, such as {@code load} or
     * {@code find-by-principal}
     */
    public SessionStoreContext(String store, String operation) {
        this.store = store;
        this.operation = operation;
    }

    public String getStore() {
        return this.store;
    }

    public String getOperation() {
        return this.operation;
    }

    public String getOutcome() {
        return this.outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

}
