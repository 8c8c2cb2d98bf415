package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

import dev.sessionmap.core.PrincipalSessionStore;
import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.ServerSessionStore;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionListener;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.core.UserSessions;
import dev.sessionmap.metrics.DefaultSessionStoreObservationConvention;
import dev.sessionmap.metrics.LiveSessionsGauge;
import dev.sessionmap.metrics.SessionEventMetrics;
import dev.sessionmap.metrics.SessionStoreContext;
import dev.sessionmap.metrics.SessionStoreObservationConvention;
import dev.sessionmap.store.memory.InMemorySessionStore;
import dev.sessionmap.test.MovableClock;
import dev.sessionmap.web.SessionFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics auto-configuration: which beans exist with and without a meter registry, an
 * observation registry or Micrometer itself, and what the decorated store keeps.
 */
class SessionMetricsAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SessionAutoConfiguration.class, ServerSessionAutoConfiguration.class,
                SessionMetricsAutoConfiguration.class, WebMvcAutoConfiguration.class))
        .withBean(InMemorySessionStore.class, () -> new InMemorySessionStore(SessionCodec.withDefaults()));

    @Test
    void withAMeterRegistryAndNoObservationRegistryStoreCallsAreStillTimed() {
        this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
            assertThat(context).hasSingleBean(SessionEventMetrics.class)
                .hasSingleBean(LiveSessionsGauge.class)
                .hasBean("sessionStoreObservations");
            context.getBean(UserSessions.class).list("ann");
            context.getBean(SessionAdmin.class).find("x".repeat(43));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("sessionmap.store")
                .tags("store", "memory", "operation", "find-by-principal", "outcome", "success")
                .timer()
                .count()).isOne();
            assertThat(registry.get("sessionmap.store")
                .tags("store", "memory", "operation", "load", "outcome", "not-found")
                .timer()
                .count()).isOne();
            assertThat(registry.find("sessionmap.store.active").longTaskTimer()).isNull();
        });
    }

    @Test
    void withAnObservationRegistryEachStoreCallIsAnObservation() {
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

        });
        this.runner.withBean(ObservationRegistry.class, () -> observations).run((context) -> {
            assertThat(context).doesNotHaveBean(SessionEventMetrics.class);
            context.getBean(UserSessions.class).list("ann");
            assertThat(stopped).singleElement().satisfies((observed) -> {
                assertThat(observed.getName()).isEqualTo("sessionmap.store");
                assertThat(observed.getContextualName()).isEqualTo("sessionmap find-by-principal");
                assertThat(((SessionStoreContext) observed).getOutcome()).isEqualTo("success");
                assertThat(observed.getLowCardinalityKeyValue("store").getValue()).isEqualTo("memory");
            });
        });
    }

    @Test
    void withSpringBootsRegistriesAndNoTracingTheSameTimerIsRecordedDirectly() {
        this.runner
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, ObservationAutoConfiguration.class))
            .run((context) -> {
                context.getBean(UserSessions.class).list("ann");
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("sessionmap.store")
                    .tags("store", "memory", "operation", "find-by-principal", "outcome", "success", "error", "none")
                    .timer()
                    .count()).isOne();
                assertThat(registry.find("sessionmap.store.active").longTaskTimer()).isNull();
            });
    }

    @Test
    void withAConventionOfTheApplicationsStoreCallsAreBootsObservationsWhichAPropertyTurnsOff() {
        WebApplicationContextRunner boot = this.runner
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, ObservationAutoConfiguration.class))
            .withBean(SessionStoreObservationConvention.class, DefaultSessionStoreObservationConvention::new);
        boot.run((context) -> {
            context.getBean(UserSessions.class).list("ann");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("sessionmap.store")
                .tags("store", "memory", "operation", "find-by-principal", "outcome", "success", "error", "none")
                .timer()
                .count()).isOne();
            // Boot's meter handler adds a long-task timer to every observation.
            assertThat(registry.find("sessionmap.store.active").longTaskTimer()).isNotNull();
        });
        boot.withPropertyValues("management.observations.enable.sessionmap=false").run((context) -> {
            context.getBean(UserSessions.class).list("ann");
            assertThat(context.getBean(MeterRegistry.class).find("sessionmap.store").timer()).isNull();
        });
    }

    @Test
    void theDecoratedStoreKeepsEveryInterfaceOfTheStoreAndNoOther() {
        this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
            SessionStoreDecorator decorator = context.getBean("sessionStoreObservations", SessionStoreDecorator.class);
            SessionStore indexed = decorator.decorate(new InMemorySessionStore(SessionCodec.withDefaults()));
            assertThat(indexed).isInstanceOf(PrincipalSessionStore.class).isNotInstanceOf(PurgeableSessionStore.class);
            SessionStore plain = decorator.decorate(new PlainStore());
            assertThat(plain).isNotInstanceOf(ServerSessionStore.class);
            assertThat(plain.findsSessionsById()).isFalse();
            assertThat(plain.revokesOnDelete()).isFalse();
            assertThat(plain.load("token")).isNull();
            assertThat(context.getBean(MeterRegistry.class)
                .get("sessionmap.store")
                .tags("store", "custom", "operation", "load")
                .timer()
                .count()).isOne();
        });
    }

    @Test
    void aFailingCallIsTimedAsAFailureAndStillThrows() {
        this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
            SessionStoreDecorator decorator = context.getBean("sessionStoreObservations", SessionStoreDecorator.class);
            SessionStore failing = decorator.decorate(new PlainStore() {
                @Override
                public StoredSession load(String token) {
                    throw new IllegalStateException("down");
                }
            });
            org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> failing.load("token"))
                .withMessage("down");
            assertThat(context.getBean(MeterRegistry.class)
                .get("sessionmap.store")
                .tags("operation", "load", "outcome", "failure", "error", "IllegalStateException")
                .timer()
                .count()).isOne();
        });
    }

    @Test
    void withNoRegistryAtAllTheStoreIsUsedAsItIs() {
        this.runner.run((context) -> {
            assertThat(context).doesNotHaveBean(SessionEventMetrics.class).doesNotHaveBean(LiveSessionsGauge.class);
            SessionStore store = context.getBean(InMemorySessionStore.class);
            assertThat(context.getBean("sessionStoreObservations", SessionStoreDecorator.class).decorate(store))
                .isSameAs(store);
        });
    }

    @Test
    void withoutMicrometerTheMetricsBackOffAndSessionsStillWork() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(SessionFilter.class)
                .doesNotHaveBean("sessionStoreObservations")
                .doesNotHaveBean(SessionEventMetrics.class);
        });
    }

    @Test
    void theApplicationsOwnBeansReplaceOurs() {
        this.runner.withBean(SimpleMeterRegistry.class)
            .withBean("sessionStoreObservations", SessionStoreDecorator.class, () -> (store) -> store)
            .withBean(SessionEventMetrics.class, () -> new SessionEventMetrics(new SimpleMeterRegistry()))
            .run((context) -> {
                assertThat(context).hasSingleBean(SessionEventMetrics.class);
                context.getBean(UserSessions.class).list("ann");
                assertThat(context.getBean(MeterRegistry.class).find("sessionmap.store").timer()).isNull();
            });
    }

    @Test
    void theEventMetricsHearTheSessionsListener() {
        this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
            assertThat(context.getBeansOfType(SessionListener.class))
                .containsValue(context.getBean(SessionEventMetrics.class));
        });
    }

    @Test
    void theGaugeCountsAtMostOnceAMinute() {
        MeterRegistry registry = new SimpleMeterRegistry();
        MovableClock clock = new MovableClock();
        AtomicInteger counts = new AtomicInteger();
        new LiveSessionsGauge(registry, "datastore", () -> 40 + counts.incrementAndGet(), clock, Runnable::run);
        double first = registry.get(LiveSessionsGauge.NAME).gauge().value();
        for (int i = 0; i < 100; i++) {
            registry.get(LiveSessionsGauge.NAME).gauge().value();
        }
        clock.advance(Duration.ofSeconds(59));
        assertThat(registry.get(LiveSessionsGauge.NAME).gauge().value()).isEqualTo(41);
        assertThat(counts).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(registry.get(LiveSessionsGauge.NAME).gauge().value()).isEqualTo(42);
        assertThat(counts).hasValue(2);
        assertThat(first).isEqualTo(41);
    }

    /** A store that keeps nothing and offers nothing beyond {@link SessionStore}. */
    static class PlainStore implements SessionStore {

        @Override
        public StoredSession load(String token) {
            return null;
        }

        @Override
        public String save(dev.sessionmap.core.SessionWrite write) {
            return null;
        }

        @Override
        public void delete(StoredSession session) {
        }

        @Override
        public boolean findsSessionsById() {
            return false;
        }

        @Override
        public boolean revokesOnDelete() {
            return false;
        }

    }

}
