package dev.sessionmap.metrics;

import java.lang.reflect.Method;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionWrite;

/**
 * Runs every call that reaches a session store's backing service inside an
 * {@link Observation} (a timer, with Micrometer's meter handler; a span, with a tracing
 * bridge), and records the size of each session a {@code save} wrote. Calls that only ask
 * about the store ({@code findsSessionsById}, {@code isWellFormed}, ...) go straight
 * through.
 */
public final class ObservedSessionStore extends SessionStoreInterceptor {

    private static final Map<String, String> OPERATIONS = Map.of("load", "load", "save", "save", "delete", "delete",
            "rotate", "rotate", "count", "count", "findByPrincipal", "find-by-principal", "deleteByIdHash",
            "delete-by-id-hash", "purgeExpired", "purge-expired");

    private static final SessionStoreObservationConvention DEFAULT_CONVENTION = new DefaultSessionStoreObservationConvention();

    private final String store;

    private final ObservationRegistry registry;

    private final @Nullable SessionStoreObservationConvention convention;

    private final @Nullable SessionSizes sizes;

    /**
     * @param delegate the store to observe
     * @param store its kind, the {@code store} tag
     * @param registry where the observations go
     * @param convention names and tags them, or {@code null} for the default
     * @param sizes records the size of saved sessions, or {@code null} for none
     */
    public ObservedSessionStore(SessionStore delegate, String store, ObservationRegistry registry,
            @Nullable SessionStoreObservationConvention convention, @Nullable SessionSizes sizes) {
        super(delegate);
        this.store = store;
        this.registry = registry;
        this.convention = convention;
        this.sizes = sizes;
    }

    /**
     * The {@code operation} tag of a store method that reaches the backing service, or
     * {@code null} for one that only asks about the store.
     */
    static @Nullable String operation(Method method) {
        return OPERATIONS.get(method.getName());
    }

    @Override
    protected @Nullable Object intercept(Method method, @Nullable Object[] args) throws Throwable {
        String operation = operation(method);
        if (operation == null) {
            return proceed(method, args);
        }
        SessionStoreContext context = new SessionStoreContext(this.store, operation);
        Observation observation = Observation
            .createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
            .start();
        try (Observation.Scope scope = observation.openScope()) {
            Object result = proceed(method, args);
            context.setOutcome((result == null || Boolean.FALSE.equals(result)) ? SessionStoreContext.NOT_FOUND
                    : SessionStoreContext.SUCCESS);
            if (this.sizes != null && result instanceof String token && args.length > 0
                    && args[0] instanceof SessionWrite write) {
                this.sizes.record(write, token);
            }
            return result;
        }
        catch (Throwable ex) {
            context.setOutcome(SessionStoreContext.FAILURE);
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

}
