package dev.sessionmap.autoconfigure;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.PeriodicTrigger;

import dev.sessionmap.core.PurgeableSessionStore;
import dev.sessionmap.core.ServerSessionStore;
import dev.sessionmap.core.SessionAdmin;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionSettings;

/**
 * What stores that keep sessions on the server need besides the request lifecycle: the
 * {@link SessionPurger} that deletes expired sessions (only for a
 * {@link PurgeableSessionStore}, so never for the secure-cookie store; on Redis, which
 * expires sessions itself, it reports the expired sessions of users; it publishes a
 * {@code SessionExpiredEvent} per session through the {@link SessionHooks} listener), and
 * the {@link SessionAdmin} for admin code and tests.
 */
@AutoConfiguration(after = { SessionAutoConfiguration.class, DatastoreSessionAutoConfiguration.class,
        RedisSessionAutoConfiguration.class })
@ConditionalOnClass(PurgeableSessionStore.class)
@EnableConfigurationProperties(SessionProperties.class)
public final class ServerSessionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(PurgeableSessionStore.class)
    SessionPurger sessionPurger(PurgeableSessionStore store, ObjectProvider<Clock> clock, SessionProperties properties,
            ObjectProvider<SessionPurgeListener> listeners, ObjectProvider<SessionHooks> hooks) {
        SessionPurgeProperties purge = properties.getPurge();
        return new SessionPurger(store, clock.getIfUnique(Clock::systemUTC), purge.getBatchSize(), trigger(purge),
                listeners.orderedStream().toList(), hooks.getIfUnique(() -> SessionHooks.NONE).listener());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(ServerSessionStore.class)
    SessionAdmin sessionAdmin(ServerSessionStore store, ObjectProvider<SessionStoreDecorator> decorators,
            ObjectProvider<SessionCodec> codec, ObjectProvider<SessionSettings> settings, ObjectProvider<Clock> clock,
            SessionProperties properties) {
        // The decorators keep the store's interfaces, so it is still a
        // ServerSessionStore.
        return new SessionAdmin((ServerSessionStore) SessionStoreDecorator.applyAll(store, decorators),
                codec.getIfUnique(SessionCodec::withDefaults), settings.getIfUnique(properties::toSettings),
                clock.getIfUnique(Clock::systemUTC));
    }

    /**
     * The purge's schedule: the cron expression if set ("-" for none), else the interval.
     */
    static @Nullable Trigger trigger(SessionPurgeProperties purge) {
        String cron = purge.getCron();
        if (cron != null && !cron.isBlank()) {
            return Scheduled.CRON_DISABLED.equals(cron.trim()) ? null : new CronTrigger(cron.trim());
        }
        PeriodicTrigger trigger = new PeriodicTrigger(purge.getInterval());
        // Start somewhere within the first interval, so that nodes started together do
        // not purge together.
        trigger.setInitialDelay(ThreadLocalRandom.current().nextLong(purge.getInterval().toMillis()));
        return trigger;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    @ConditionalOnSingleCandidate(PurgeableSessionStore.class)
    static class PurgeMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SessionPurgeMetrics sessionPurgeMetrics() {
            return new SessionPurgeMetrics();
        }

    }

}
