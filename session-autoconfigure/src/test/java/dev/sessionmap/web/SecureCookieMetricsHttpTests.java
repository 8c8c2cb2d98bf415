package dev.sessionmap.web;

import java.net.http.HttpResponse;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the secure-cookie store over real HTTP: an altered cookie counts as tampered, the
 * cookie's size is what the size summary records, and a session near the cookie's limit
 * warns once.
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "app.session.store=secure-cookie")
@Import(SecureCookieMetricsHttpTests.Registry.class)
@ExtendWith(OutputCaptureExtension.class)
class SecureCookieMetricsHttpTests {

    private static final String WARNING = "A session cookie took";

    @DynamicPropertySource
    static void secret(DynamicPropertyRegistry registry) {
        registry.add("app.session.secret", TestSecrets::random);
    }

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
    void anAlteredCookieCountsAsTampered() {
        this.browser.get("/counter");
        String cookie = this.browser.cookie;
        int middle = cookie.length() / 2;
        this.browser.cookie = cookie.substring(0, middle) + ((cookie.charAt(middle) == 'A') ? 'B' : 'A')
                + cookie.substring(middle + 1);
        double tampered = rejected("tampered");
        HttpResponse<String> response = this.browser.get("/counter");
        assertThat(response.body()).isEqualTo("1");
        assertThat(rejected("tampered")).isEqualTo(tampered + 1);
    }

    @Test
    void theSizeRecordedIsTheCookieTheBrowserCarries() {
        DistributionSummary sizes = this.registry.get("sessionmap.session.size")
            .tag("store", "secure-cookie")
            .summary();
        long count = sizes.count();
        double total = sizes.totalAmount();
        this.browser.get("/fill?size=1000");
        assertThat(sizes.count()).isEqualTo(count + 1);
        assertThat(sizes.totalAmount() - total).isEqualTo(this.browser.cookie.length());
    }

    @Test
    void aSessionNearTheCookieLimitWarnsOnceAnHour(CapturedOutput output) {
        this.browser.get("/fill?size=2000");
        assertThat(output.getAll()).doesNotContain(WARNING);
        this.browser.get("/fill?size=2800");
        assertThat(output.getAll()).containsOnlyOnce(WARNING);
        new Browser(this.port).get("/fill?size=2800");
        assertThat(output.getAll()).containsOnlyOnce(WARNING);
    }

    private double rejected(String reason) {
        return this.registry.get("sessionmap.tokens.rejected").tag("reason", reason).counter().count();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

    }

}
