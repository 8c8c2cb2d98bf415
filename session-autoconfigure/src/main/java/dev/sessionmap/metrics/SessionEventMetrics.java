package dev.sessionmap.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.sessionmap.core.RejectedToken;
import dev.sessionmap.core.SessionCreatedEvent;
import dev.sessionmap.core.SessionEvent;
import dev.sessionmap.core.SessionExpiredEvent;
import dev.sessionmap.core.SessionIdChangedEvent;
import dev.sessionmap.core.SessionInvalidatedEvent;
import dev.sessionmap.core.SessionListener;

/**
 * Counts what the session listener hears: sessions created, invalidated, given a new id
 * and expired; tokens rejected, by reason; and writes that met a concurrent write, with
 * how often they were re-applied.
 */
public class SessionEventMetrics implements SessionListener {

    /** Sessions created (written for the first time). */
    public static final String CREATED = "sessionmap.sessions.created";

    /** Sessions invalidated: log-out, {@code invalidate()}, revocation. */
    public static final String INVALIDATED = "sessionmap.sessions.invalidated";

    /** Sessions given a new id: log-in, {@code rotateId()}, periodic rotation. */
    public static final String ID_CHANGED = "sessionmap.sessions.id.changed";

    /** Sessions the purge deleted as expired. */
    public static final String EXPIRED = "sessionmap.sessions.expired";

    /** Tokens (cookie or header) that led to no session, tagged {@code reason}. */
    public static final String REJECTED = "sessionmap.tokens.rejected";

    /** Writes that met a concurrent write of the same session. */
    public static final String CONFLICTS = "sessionmap.write.conflicts";

    /** Times such writes re-applied their changes onto the fresher copy. */
    public static final String REAPPLIES = "sessionmap.write.reapplies";

    private final Counter created;

    private final Counter invalidated;

    private final Counter idChanged;

    private final Counter expired;

    private final Map<RejectedToken, Counter> rejected = new EnumMap<>(RejectedToken.class);

    private final Counter conflicts;

    private final Counter reapplies;

    public SessionEventMetrics(MeterRegistry registry) {
        this.created = Counter.builder(CREATED).description("Sessions created").register(registry);
        this.invalidated = Counter.builder(INVALIDATED).description("Sessions invalidated").register(registry);
        this.idChanged = Counter.builder(ID_CHANGED).description("Sessions given a new id").register(registry);
        this.expired = Counter.builder(EXPIRED).description("Sessions deleted as expired").register(registry);
        for (RejectedToken reason : RejectedToken.values()) {
            this.rejected.put(reason,
                    Counter.builder(REJECTED)
                        .description("Session tokens that led to no session")
                        .tag("reason", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .register(registry));
        }
        this.conflicts = Counter.builder(CONFLICTS)
            .description("Session writes that met a concurrent write")
            .register(registry);
        this.reapplies = Counter.builder(REAPPLIES)
            .description("Re-applications of a session write onto a fresher copy")
            .register(registry);
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (event instanceof SessionCreatedEvent) {
            this.created.increment();
        }
        else if (event instanceof SessionInvalidatedEvent) {
            this.invalidated.increment();
        }
        else if (event instanceof SessionIdChangedEvent) {
            this.idChanged.increment();
        }
        else if (event instanceof SessionExpiredEvent) {
            this.expired.increment();
        }
    }

    @Override
    public void onRejected(RejectedToken reason) {
        Objects.requireNonNull(this.rejected.get(reason), "The constructor registers a counter per reason").increment();
    }

    @Override
    public void onWriteConflict(int reapplied) {
        this.conflicts.increment();
        this.reapplies.increment(reapplied);
    }

}
