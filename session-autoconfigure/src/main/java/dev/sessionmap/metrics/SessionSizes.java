package dev.sessionmap.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionWrite;

/**
 * The distribution summary {@value #NAME}: the bytes of each session a store wrote, on
 * writes that changed its data (a refresh of the access time changes no size). For a
 * store whose token is the session (the secure cookie) it is the token the browser
 * carries; for the others, the session's data as JSON, as the datastore stores it.
 */
public final class SessionSizes {

    /** The summary's name. */
    public static final String NAME = "sessionmap.session.size";

    private final DistributionSummary summary;

    private final boolean tokenIsSession;

    private final SessionCodec codec;

    /**
     * @param store the kind of store, the {@code store} tag
     * @param tokenIsSession whether the store's token carries the session itself
     */
    public SessionSizes(MeterRegistry registry, String store, boolean tokenIsSession, SessionCodec codec) {
        this.summary = DistributionSummary.builder(NAME)
            .description("Size of the sessions written to the store")
            .baseUnit("bytes")
            .tag("store", store)
            .register(registry);
        this.tokenIsSession = tokenIsSession;
        this.codec = codec;
    }

    void record(SessionWrite write, String token) {
        if (!write.dataChanged()) {
            return;
        }
        // A server store encodes the data itself and shows nothing of it: encoded once
        // more
        // here, about 0.4 µs for a small session (see benchmarks/README.md).
        this.summary.record(this.tokenIsSession ? token.length() : this.codec.writeBytes(write.data()).length);
    }

}
