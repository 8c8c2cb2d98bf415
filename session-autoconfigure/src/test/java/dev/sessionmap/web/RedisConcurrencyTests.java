package dev.sessionmap.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.StoredSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent requests of one session over real HTTP on the Redis store: each thread
 * writes a key of its own, all write one shared key and {@code merge}-increment one
 * shared counter. No change may be lost: every thread's key ends at its last value and
 * the counter at the number of requests.
 */
@EnabledWithRedis
@SpringBootTest(classes = { LifecycleTestApplication.class, RedisConcurrencyTests.RaceHandler.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.session.store=redis")
class RedisConcurrencyTests {

    private static final int THREADS = 32;

    private static final int REQUESTS_PER_THREAD = 200;

    private static final String NAMESPACE = TestRedis.namespace();

    private static final Logger logger = LoggerFactory.getLogger(RedisConcurrencyTests.class);

    @LocalServerPort
    private int port;

    @Autowired
    private SessionStore store;

    @Autowired
    private StringRedisTemplate redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("app.session.redis.namespace", () -> NAMESPACE);
    }

    @AfterEach
    void deleteOurKeys() {
        TestRedis.deleteAll(this.redis, NAMESPACE);
    }

    @Test
    void concurrentRequestsOfOneSessionLoseNoChange() throws Exception {
        Browser browser = new Browser(this.port);
        browser.get("/counter");
        String cookie = browser.cookie;
        assertThat(cookie).isNotNull();

        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(threads.submit(() -> {
                HttpClient client = HttpClient.newHttpClient();
                start.await();
                for (int n = 0; n < REQUESTS_PER_THREAD; n++) {
                    HttpRequest request = HttpRequest
                        .newBuilder(URI.create("http://127.0.0.1:" + this.port + "/race?thread=" + thread + "&n=" + n))
                        .header("Cookie", "sessionid=" + cookie)
                        .timeout(Duration.ofSeconds(30))
                        .build();
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        succeeded.incrementAndGet();
                    }
                    else if (status >= 500) {
                        serverErrors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> result : results) {
            result.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        threads.shutdown();
        int requests = THREADS * REQUESTS_PER_THREAD;
        logger.info("Redis store: {} concurrent requests of one session in {} s ({} requests/s)", requests,
                String.format("%.2f", seconds), Math.round(requests / seconds));

        assertThat(serverErrors).hasValue(0);
        assertThat(succeeded).hasValue(requests);
        StoredSession session = this.store.load(cookie);
        assertThat(session).isNotNull();
        Map<String, Object> data = values(session);
        for (int t = 0; t < THREADS; t++) {
            assertThat(data).as("thread %d's key", t).containsEntry("thread-" + t, REQUESTS_PER_THREAD - 1);
        }
        assertThat((String) data.get("shared")).matches("\\d+/" + (REQUESTS_PER_THREAD - 1));
        assertThat(data).containsEntry("hits", succeeded.get()).containsEntry("count", 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(StoredSession session) {
        return (Map<String, Object>) dev.sessionmap.core.SessionCodec.withDefaults().decode(session.data());
    }

    @RestController
    static class RaceHandler {

        @GetMapping("/race")
        String race(SessionMap session, @RequestParam int thread, @RequestParam int n) {
            session.put("thread-" + thread, n);
            session.put("shared", thread + "/" + n);
            session.merge("hits", 1, (a, b) -> (Integer) a + (Integer) b);
            return "ok";
        }

    }

}
