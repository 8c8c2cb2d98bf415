package dev.sessionmap.web;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.sessionmap.core.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters move as an operator reading them expects, over real HTTP on the datastore
 * store (H2), with Spring Boot's observation registry turning store calls into timers.
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.jpa.hibernate.ddl-auto=validate" })
@Import(SessionMetricsHttpTests.Registry.class)
class SessionMetricsHttpTests {

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    private Browser browser;

    @BeforeEach
    void newBrowser() {
        this.browser = new Browser(this.port);
    }

    @Test
    void aNewSessionCountsAsCreatedAndIsTimedAndMeasuredAsItIsSaved() {
        double created = counter("sessionmap.sessions.created");
        long saves = timer("save", "success");
        long sizes = sizeCount();
        this.browser.get("/counter");
        assertThat(counter("sessionmap.sessions.created")).isEqualTo(created + 1);
        assertThat(timer("save", "success")).isEqualTo(saves + 1);
        assertThat(sizeCount()).isEqualTo(sizes + 1);
        assertThat(this.registry.get("sessionmap.session.size").tag("store", "datastore").summary().max())
            .isGreaterThan(5);
    }

    @Test
    void aReturningVisitorIsOneLoadAndOneSaveAndNoNewSession() {
        this.browser.get("/counter");
        double created = counter("sessionmap.sessions.created");
        long loads = timer("load", "success");
        long saves = timer("save", "success");
        this.browser.get("/counter");
        assertThat(timer("load", "success")).isEqualTo(loads + 1);
        assertThat(timer("save", "success")).isEqualTo(saves + 1);
        assertThat(counter("sessionmap.sessions.created")).isEqualTo(created);
    }

    @Test
    void aRequestThatDoesNotUseTheSessionCallsNoStore() {
        this.browser.get("/counter");
        long calls = this.registry.find("sessionmap.store").timers().stream().mapToLong(Timer::count).sum();
        this.browser.get("/noop");
        assertThat(this.registry.find("sessionmap.store").timers().stream().mapToLong(Timer::count).sum())
            .isEqualTo(calls);
    }

    @Test
    void logInChangesTheIdAndLogOutInvalidates() {
        this.browser.get("/counter");
        double idChanged = counter("sessionmap.sessions.id.changed");
        double invalidated = counter("sessionmap.sessions.invalidated");
        this.browser.get("/login");
        assertThat(counter("sessionmap.sessions.id.changed")).isEqualTo(idChanged + 1);
        this.browser.get("/logout");
        assertThat(counter("sessionmap.sessions.invalidated")).isEqualTo(invalidated + 1);
    }

    @Test
    void cookiesThatLeadToNoSessionCountByReason() {
        double malformed = rejected("malformed");
        double unknown = rejected("unknown-id");
        this.browser.cookie = "garbage";
        this.browser.get("/counter");
        assertThat(rejected("malformed")).isEqualTo(malformed + 1);
        long notFound = timer("load", "not-found");
        this.browser.cookie = SessionIds.generate();
        this.browser.get("/counter");
        assertThat(rejected("unknown-id")).isEqualTo(unknown + 1);
        assertThat(timer("load", "not-found")).isEqualTo(notFound + 1);
    }

    @Test
    void theLiveSessionGaugeCountsOnceAMinuteHoweverOftenItIsRead() {
        this.browser.get("/counter");
        long counts = timer("count", "success");
        double first = gauge();
        await().atMost(Duration.ofSeconds(10)).until(() -> timer("count", "success") == counts + 1);
        for (int i = 0; i < 20; i++) {
            gauge();
        }
        assertThat(gauge()).isGreaterThanOrEqualTo(1);
        assertThat(timer("count", "success")).isEqualTo(counts + 1);
        assertThat(first).satisfiesAnyOf((value) -> assertThat(value).isNaN(),
                (value) -> assertThat(value).isGreaterThanOrEqualTo(0));
    }

    private double gauge() {
        return this.registry.get("sessionmap.sessions.live").tag("store", "datastore").gauge().value();
    }

    private double counter(String name) {
        return this.registry.get(name).counter().count();
    }

    private double rejected(String reason) {
        return this.registry.get("sessionmap.tokens.rejected").tag("reason", reason).counter().count();
    }

    private long timer(String operation, String outcome) {
        Timer timer = this.registry.find("sessionmap.store")
            .tag("store", "datastore")
            .tag("operation", operation)
            .tag("outcome", outcome)
            .timer();
        return (timer != null) ? timer.count() : 0;
    }

    private long sizeCount() {
        return this.registry.get("sessionmap.session.size").tag("store", "datastore").summary().count();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

    }

}
