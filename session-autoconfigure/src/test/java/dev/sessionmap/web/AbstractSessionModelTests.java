package dev.sessionmap.web;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionmap.web.SessionProgram.Op;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based: random programs of requests, each a random sequence of {@code SessionMap}
 * and {@code HttpSession} operations, run by one visitor through the real filter over
 * real HTTP, and checked after every request against a plain {@code LinkedHashMap}: what
 * the session held when the request began, what each read returned, and what it held at
 * the end. jqwik shrinks a failing program to a smallest one; shrunk failures are kept as
 * example tests beside the property. Each store runs it with its own properties.
 * {@code -Djqwik.tries.default=N} runs longer (the CI run uses the default in
 * {@code junit-platform.properties}).
 */
abstract class AbstractSessionModelTests {

    private static final Map<Class<?>, ConfigurableApplicationContext> APPS = new HashMap<>();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The properties that put the application on the store under test. */
    protected abstract Map<String, Object> storeProperties();

    /** Configuration besides the application, such as a store bean; none by default. */
    protected Class<?>[] extraSources() {
        return new Class<?>[0];
    }

    @AfterContainer
    static void stopApplications() {
        synchronized (APPS) {
            APPS.values().forEach(ConfigurableApplicationContext::close);
            APPS.clear();
        }
    }

    @Property
    void theSessionHoldsWhatAMapWouldAcrossRequests(@ForAll("programs") List<List<Op>> program) throws Exception {
        Visitor visitor = new Visitor(port());
        SessionModel model = new SessionModel();
        for (List<Op> request : program) {
            Object before = SessionProgram.copy(model.values);
            List<@Nullable Object> results = SessionProgram.run(request, model.values, model);
            Map<String, Object> answer = visitor.run(request);
            assertThat(answer.get("before")).as("the session at the start of %s", request).isEqualTo(before);
            assertThat(answer.get("results")).as("what %s read", request).isEqualTo(results);
            assertThat(answer.get("after")).as("the session at the end of %s", request).isEqualTo(model.values);
        }
        assertThat(visitor.cookieNames()).doesNotContain("JSESSIONID");
    }

    @Provide
    Arbitrary<List<List<Op>>> programs() {
        return operations().list().ofMaxSize(6).list().ofMinSize(1).ofMaxSize(6);
    }

    static Arbitrary<Op> operations() {
        Arbitrary<String> keys = Arbitraries.of(SessionProgram.KEYS);
        Arbitrary<String> words = Arbitraries.strings().withChars("abcé☃ \"\\").ofMaxLength(6);
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.integers().between(-3, 5).map(Object.class::cast),
                words.map(Object.class::cast),
                Arbitraries.integers().between(0, 9).list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.integers().between(0, 3).map((m) -> (Object) Map.of("m", m, "s", "x")));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, keys.flatMap((k) -> values.map((v) -> op("put", k, v)))),
                net.jqwik.api.Tuple.of(2, keys.map((k) -> op("remove", k, null))),
                net.jqwik.api.Tuple.of(2, keys.map((k) -> op("get", k, null))),
                net.jqwik.api.Tuple.of(3, keys.map((k) -> op("mutate", k, 7))),
                net.jqwik.api.Tuple.of(2, keys.map((k) -> op("merge", k, 2))),
                net.jqwik.api.Tuple.of(2, keys.map((k) -> op("compute", k, null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("clear", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("keys", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("size", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("save", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("invalidate", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("rotateId", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 90).map((m) -> op("timeout", "", m))),
                net.jqwik.api.Tuple.of(2, words.map((w) -> op("flash", "", w))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(op("consumeFlashes", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("setTestCookie", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("testCookieWorked", "", null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(op("deleteTestCookie", "", null))),
                net.jqwik.api.Tuple.of(2, keys.flatMap((k) -> words.map((w) -> op("setAttribute", k, w)))),
                net.jqwik.api.Tuple.of(1, keys.map((k) -> op("removeAttribute", k, null))),
                net.jqwik.api.Tuple.of(1, keys.map((k) -> op("getAttribute", k, null))));
    }

    private static Op op(String kind, String key, @Nullable Object value) {
        return new Op(kind, key, value);
    }

    private int port() {
        ConfigurableApplicationContext app;
        synchronized (APPS) {
            app = APPS.computeIfAbsent(getClass(), (type) -> {
                List<Class<?>> sources = new ArrayList<>(List.of(ModelTestApplication.class));
                sources.addAll(List.of(extraSources()));
                Map<String, Object> properties = new LinkedHashMap<>(storeProperties());
                properties.put("server.port", "0");
                properties.put("logging.level.dev.sessionmap", "WARN");
                return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).properties(properties).run();
            });
        }
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** One visitor: a cookie jar and the requests it sends. */
    static final class Visitor {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        private final HttpClient client;

        private final URI uri;

        Visitor(int port) {
            this.client = HttpClient.newBuilder().cookieHandler(this.cookies).build();
            this.uri = URI.create("http://127.0.0.1:" + port + "/program");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> run(List<Op> request) throws Exception {
            String body = JSON.writeValueAsString(request.stream().map(Op::toJson).toList());
            HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s answered %s", request, response.body()).isEqualTo(200);
            return JSON.readValue(response.body(), Map.class);
        }

        List<String> cookieNames() {
            return this.cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
        }

    }

}
