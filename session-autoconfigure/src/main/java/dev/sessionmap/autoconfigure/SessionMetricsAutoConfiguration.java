package dev.sessionmap.autoconfigure;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.metrics.LiveSessionsGauge;
import dev.sessionmap.metrics.ObservedSessionStore;
import dev.sessionmap.metrics.SessionEventMetrics;
import dev.sessionmap.metrics.SessionSizes;
import dev.sessionmap.metrics.SessionStoreInterceptor;
import dev.sessionmap.metrics.SessionStoreObservationConvention;
import dev.sessionmap.metrics.TimedSessionStore;

/**
 * Sessions in Micrometer: every store call an {@code Observation} (the timer
 * {@code sessionmap.store}, and a span with a tracing bridge), the session events and
 * rejected tokens as counters, the size of written sessions, and the live sessions of a
 * server store. Observations go to the application's {@link ObservationRegistry}, where
 * Spring Boot's {@code DefaultMeterObservationHandler} makes the timers; without one, to
 * a registry of their own that only times them.
 */
@AutoConfiguration(after = { SessionAutoConfiguration.class, ServerSessionAutoConfiguration.class }, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ MeterRegistry.class, ObservationRegistry.class, SessionStore.class })
public final class SessionMetricsAutoConfiguration {

    private static final String TRACER = "io.micrometer.tracing.Tracer";

    private static final Map<String, String> STORES = Map.of("dev.sessionmap.store.jdbc.JdbcSessionStore", "datastore",
            "dev.sessionmap.store.cookie.SecureCookieSessionStore", "secure-cookie",
            "dev.sessionmap.store.redis.RedisSessionStore", "redis", "dev.sessionmap.store.memory.InMemorySessionStore",
            "memory");

    @Bean
    @ConditionalOnMissingBean(name = "sessionStoreObservations")
    SessionStoreDecorator sessionStoreObservations(ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<SessionStoreObservationConvention> convention,
            ObjectProvider<SessionCodec> codec, ListableBeanFactory beans) {
        return (store) -> {
            MeterRegistry meters = meterRegistry.getIfUnique();
            ObservationRegistry observations = observationRegistry.getIfUnique();
            SessionStoreObservationConvention customConvention = convention.getIfUnique();
            String kind = storeKind(store);
            SessionSizes sizes = (meters != null) ? new SessionSizes(meters, kind, !store.findsSessionsById(),
                    codec.getIfUnique(SessionCodec::withDefaults)) : null;
            if (observations != null && (meters == null || customConvention != null || traces(beans))) {
                return new ObservedSessionStore(store, kind, observations, customConvention, sizes).proxy();
            }
            return (meters != null) ? new TimedSessionStore(store, kind, meters, sizes).proxy() : store;
        };
    }

    /**
     * Whether a tracing bridge is configured. An observation costs about five times what
     * the same timer does (benchmarks/README.md), so store calls are observations only
     * where something more than a timer is made of them: spans, or the application's own
     * convention.
     */
    static boolean traces(ListableBeanFactory beans) {
        ClassLoader classLoader = SessionMetricsAutoConfiguration.class.getClassLoader();
        if (!ClassUtils.isPresent(TRACER, classLoader)) {
            return false;
        }
        return beans.getBeanNamesForType(ClassUtils.resolveClassName(TRACER, classLoader), true, false).length > 0;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(MeterRegistry.class)
    SessionEventMetrics sessionEventMetrics(MeterRegistry registry) {
        return new SessionEventMetrics(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ MeterRegistry.class, SessionAdmin.class })
    LiveSessionsGauge liveSessionsGauge(MeterRegistry registry, ObjectProvider<SessionStore> store, SessionAdmin admin,
            ObjectProvider<Clock> clock) {
        SessionStore sessionStore = store.getIfUnique();
        return new LiveSessionsGauge(registry, (sessionStore != null) ? storeKind(sessionStore) : "custom",
                admin::count, clock.getIfUnique(Clock::systemUTC), (task) -> {
                    Thread thread = new Thread(task, "sessionmap-live-sessions");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    /** The {@code store} tag: which of sessionmap's stores, or {@code custom}. */
    static String storeKind(SessionStore store) {
        // By name, so that no store's class (nor what it needs) is loaded to ask.
        return STORES.getOrDefault(SessionStoreInterceptor.unwrap(store).getClass().getName(), "custom");
    }

}
