package dev.sessionmap.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.sessionmap.core.SessionMap;
import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled=true} (the virtual-thread pass,
 * {@code -Pvirtual-threads} on Java 21+), requests really are served on virtual threads,
 * and sessions still work when many visitors' requests run at once, each on a fresh
 * virtual thread: the secure-cookie store encrypts and decrypts every request, through
 * the codec's per-thread cipher cache. Outside that pass it is skipped, saying why; the
 * rest of the web suites then run under virtual threads too. The code is compiled for
 * Java 17, so {@code Thread.isVirtual()} is called reflectively.
 */
@EnabledIf(value = "virtualThreadPass",
        disabledReason = "needs Java 21+ and spring.threads.virtual.enabled=true: the virtual-thread pass, "
                + "./mvnw -Pvirtual-threads verify on Java 21+ after the Java 17 build")
@SpringBootTest(classes = VirtualThreadsHttpTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "app.session.store=secure-cookie")
class VirtualThreadsHttpTests {

    private static final String PROPERTY = "spring.threads.virtual.enabled";

    private static final int VISITORS = 16;

    private static final int REQUESTS = 10;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void secret(DynamicPropertyRegistry registry) {
        registry.add("app.session.secret", TestSecrets::random);
    }

    /**
     * Checked before the application starts, so that the Java 17 build does not start it
     * for nothing: Java 21+ and the property set as the virtual-thread pass sets it.
     */
    static boolean virtualThreadPass() {
        return Runtime.version().feature() >= 21 && (Boolean.getBoolean(PROPERTY)
                || Boolean.parseBoolean(System.getenv(PROPERTY.replace('.', '_').toUpperCase(Locale.ROOT))));
    }

    @BeforeEach
    void theApplicationSeesTheProperty() {
        assertThat(this.environment.getProperty(PROPERTY, Boolean.class, false)).as(PROPERTY).isTrue();
    }

    @Test
    void requestsAreServedOnVirtualThreads() {
        Browser browser = new Browser(this.port);
        assertThat(browser.get("/thread").body()).startsWith("virtual ");
        assertThat(browser.get("/thread").body()).as("the session filter's thread, the next request")
            .startsWith("virtual ");
    }

    @Test
    void manyVisitorsAtOnceEachKeepTheirOwnSession() throws Exception {
        ExecutorService visitors = Executors.newFixedThreadPool(VISITORS);
        try {
            List<Future<List<String>>> counts = new ArrayList<>();
            for (int i = 0; i < VISITORS; i++) {
                String name = "visitor-" + i;
                counts.add(visitors.submit(() -> visit(name)));
            }
            for (int i = 0; i < VISITORS; i++) {
                List<String> expected = new ArrayList<>();
                for (int n = 1; n <= REQUESTS; n++) {
                    expected.add("visitor-" + i + ":" + n + " virtual");
                }
                assertThat(counts.get(i).get()).isEqualTo(expected);
            }
        }
        finally {
            visitors.shutdownNow();
        }
    }

    private List<String> visit(String name) {
        Browser browser = new Browser(this.port);
        List<String> answers = new ArrayList<>();
        browser.get("/name?name=" + name);
        for (int n = 0; n < REQUESTS; n++) {
            answers.add(browser.get("/count").body());
        }
        return answers;
    }

    static boolean isVirtual(Thread thread) {
        try {
            Method isVirtual = Thread.class.getMethod("isVirtual");
            return (boolean) isVirtual.invoke(thread);
        }
        catch (ReflectiveOperationException ex) {
            return false;
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Handlers.class)
    static class App {

    }

    @Controller
    @ResponseBody
    static class Handlers {

        @GetMapping("/thread")
        String thread(SessionMap session) {
            session.put("seen", true);
            return describe(Thread.currentThread());
        }

        @GetMapping("/name")
        String name(SessionMap session, @RequestParam String name) {
            session.put("name", name);
            return "ok";
        }

        @GetMapping("/count")
        String count(SessionMap session) {
            int count = session.get("count", 0) + 1;
            session.put("count", count);
            Thread thread = Thread.currentThread();
            return session.get("name", "?") + ":" + count + " " + (isVirtual(thread) ? "virtual" : "platform");
        }

        private static String describe(Thread thread) {
            return (isVirtual(thread) ? "virtual " : "platform ") + thread;
        }

    }

}
