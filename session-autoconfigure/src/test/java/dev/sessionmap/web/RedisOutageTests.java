package dev.sessionmap.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away and coming back while the application runs, through a proxy the test
 * takes down: requests that need the session get a 503 with a logged cause, the others
 * are untouched, and the sessions work again once Redis is back, without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledWithRedis
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "app.session.store=redis", "spring.data.redis.timeout=1s", "spring.data.redis.connect-timeout=1s" })
class RedisOutageTests {

    private static final String NAMESPACE = TestRedis.namespace();

    private static TcpProxy proxy;

    @LocalServerPort
    private int port;

    @Autowired
    private StringRedisTemplate redis;

    @BeforeAll
    static void startProxy() throws IOException {
        URI redis = URI.create(TestRedis.url());
        proxy = new TcpProxy(new InetSocketAddress(redis.getHost(), redis.getPort()));
    }

    @AfterAll
    static void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> throughProxy(TestRedis.url()));
        registry.add("app.session.redis.namespace", () -> NAMESPACE);
    }

    private static String throughProxy(String url) {
        URI redis = URI.create(url);
        try {
            return new URI(redis.getScheme(), redis.getUserInfo(), "127.0.0.1", proxy.port(), redis.getPath(), null,
                    null)
                .toString();
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @AfterEach
    void deleteOurKeys() throws IOException {
        proxy.restore();
        await().atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> this.redis.hasKey(NAMESPACE + ":probe") != null);
        TestRedis.deleteAll(this.redis, NAMESPACE);
    }

    @Test
    void whileRedisIsDownSessionRequestsGet503AndOthersSucceedThenItRecovers(CapturedOutput output) throws IOException {
        Browser browser = new Browser(this.port);
        assertThat(browser.get("/counter").body()).isEqualTo("1");

        proxy.cut();
        assertThat(browser.get("/counter").statusCode()).isEqualTo(503);
        assertThat(browser.get("/read").statusCode()).isEqualTo(503);
        assertThat(new Browser(this.port).get("/counter").statusCode()).isEqualTo(503);
        assertThat(browser.get("/noop").statusCode()).isEqualTo(200);
        assertThat(new Browser(this.port).get("/noop").statusCode()).isEqualTo(200);
        assertThat(output).contains("Session store unavailable for GET /counter, answering 503");

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.get("/read").statusCode() == 200);
        assertThat(browser.get("/read").body()).as("the session outlived the outage").isEqualTo("1");
        assertThat(browser.get("/counter").body()).isEqualTo("2");
    }

}
