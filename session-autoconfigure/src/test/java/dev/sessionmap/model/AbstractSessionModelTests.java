package dev.sessionmap.model;

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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionmap.model.SessionProgram.Op;
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

    private static final Map<Class<?>, List<String>> TOKENS = new HashMap<>();

    private static final Map<Class<?>, Integer> FUZZED = new HashMap<>();

    private static final Map<String, Object> VICTIM = Map.of("secret", "victim's");

    private static final Map<String, Object> OTHER = Map.of("secret", "other's");

    /** The properties that put the application on the store under test. */
    protected abstract Map<String, Object> storeProperties();

    /**
     * Whether the store gives the keys back in the order they were put, as a
     * {@code LinkedHashMap}; otherwise what {@code keySet()} read is compared as a set.
     */
    protected boolean keepsKeyOrder() {
        return true;
    }

    /** Configuration besides the application, such as a store bean; none by default. */
    protected Class<?>[] extraSources() {
        return new Class<?>[0];
    }

    @AfterContainer
    static void stopApplications() {
        synchronized (APPS) {
            FUZZED.forEach((type, count) -> System.out.printf(
                    "[fuzz] %s: %d cookie headers, no 5xx, no other" + " visitor's session, no error logged%n",
                    type.getSimpleName(), count));
            FUZZED.clear();
            TOKENS.clear();
            APPS.values().forEach(ConfigurableApplicationContext::close);
            APPS.clear();
        }
    }

    @Property
    void theSessionHoldsWhatAMapWouldAcrossRequests(@ForAll("programs") List<List<Op>> program) throws Exception {
        check(program);
    }

    /** Shrunk from a failure of the property: a list changed in place after save(). */
    @Example
    void aValueChangedInPlaceAfterAnExplicitSaveIsSavedToo() throws Exception {
        check(List.of(List.of(op("put", "n", List.of()), op("save", "", null), op("mutate", "n", 7)), List.of()));
    }

    @SuppressWarnings("unchecked")
    private void check(List<List<Op>> program) throws Exception {
        Visitor visitor = new Visitor(port());
        SessionModel model = new SessionModel();
        for (List<Op> request : program) {
            Object before = SessionProgram.copy(model.values);
            List<@Nullable Object> results = inComparableOrder(request,
                    SessionProgram.run(request, model.values, model));
            Map<String, Object> answer = visitor.run(request);
            answer.put("results", inComparableOrder(request, (List<@Nullable Object>) answer.get("results")));
            assertThat(answer.get("before")).as("the session at the start of %s", request).isEqualTo(before);
            assertThat(answer.get("results")).as("what %s read", request).isEqualTo(results);
            assertThat(answer.get("after")).as("the session at the end of %s", request).isEqualTo(model.values);
        }
        assertThat(visitor.cookieNames()).doesNotContain("JSESSIONID");
    }

    /**
     * Visitors' tabs sending requests of one session at once, each on keys of its own and
     * all merging into one counter: at the end the session holds what each tab's program
     * would have left in a map of its own, and the counter counts every merge.
     */
    @Property(tries = 15)
    void concurrentRequestsOfOneSessionLoseNoChange(@ForAll("tabs") List<List<List<Op>>> tabs) throws Exception {
        Visitor visitor = new Visitor(port());
        visitor.run(List.of(op("put", "start", 0)));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("start", 0);
        int merges = 0;
        for (List<List<Op>> tab : tabs) {
            SessionModel model = new SessionModel();
            for (List<Op> request : tab) {
                SessionProgram.run(request, model.values, model);
                merges += (int) request.stream().filter((op) -> op.kind().equals("merge")).count();
            }
            model.values.remove("hits");
            expected.putAll(model.values);
        }
        if (merges > 0) {
            expected.put("hits", merges);
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (List<List<Op>> tab : tabs) {
            Thread thread = new Thread(() -> {
                try {
                    for (List<Op> request : tab) {
                        visitor.run(request);
                    }
                }
                catch (Throwable ex) {
                    failures.add(ex);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        Map<String, Object> end = visitor.run(List.of());
        assertThat(end.get("before")).as("the session after %s", tabs).isEqualTo(expected);
    }

    /**
     * Two or three tabs; tab {@code i} works on keys {@code i.a} and {@code i.b}, and
     * merges into {@code hits}.
     */
    @Provide
    Arbitrary<List<List<List<Op>>>> tabs() {
        return Arbitraries.integers().between(2, 3).flatMap((count) -> {
            List<Arbitrary<List<List<Op>>>> tabs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                tabs.add(tabOperations(i).list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(5));
            }
            return net.jqwik.api.Combinators.combine(tabs).as((all) -> all);
        });
    }

    private static Arbitrary<Op> tabOperations(int tab) {
        Arbitrary<String> keys = Arbitraries.of(tab + ".a", tab + ".b");
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.integers().between(0, 5).map(Object.class::cast),
                Arbitraries.integers().between(0, 3).map((m) -> (Object) Map.of("m", m)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, keys.flatMap((k) -> values.map((v) -> op("put", k, v)))),
                net.jqwik.api.Tuple.of(1, keys.map((k) -> op("remove", k, null))),
                net.jqwik.api.Tuple.of(2, keys.map((k) -> op("mutate", k, 1))),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(op("merge", "hits", 1))));
    }

    /**
     * Fuzzing the edges: made-up, duplicated and altered {@code Cookie} headers, sent
     * byte for byte, never give a server error, never an error (or a warning with a stack
     * trace) in the log, and never a session whose intact token the header does not
     * carry. Each try sends 20 headers; {@code -Djqwik.tries.default=5000} sends 100,000.
     */
    @Property
    @SuppressWarnings("unchecked")
    void noCookieHeaderGivesAServerErrorOrSomeoneElsesSession(@ForAll("cookieHeaders") List<String> headers)
            throws Exception {
        List<String> tokens = tokens();
        LoggedErrors errors = LoggedErrors.attached();
        for (String header : headers) {
            RawHttp.Response response = RawHttp.postProgram(port(), header, "[]");
            assertThat(response.status()).as("the answer to Cookie: %s%n%s", header, response.head()).isLessThan(500);
            if (response.status() == 200) {
                Object before = JSON.readValue(response.body(), Map.class).get("before");
                if (VICTIM.equals(before)) {
                    assertThat(header).as("served the victim's session")
                        .containsAnyOf(tokens.get(0), canonicalPart(tokens.get(0)));
                }
                else if (OTHER.equals(before)) {
                    assertThat(header).as("served the other's session")
                        .containsAnyOf(tokens.get(1), canonicalPart(tokens.get(1)));
                }
                else {
                    assertThat((Map<String, Object>) before).as("the session for Cookie: %s", header).isEmpty();
                }
            }
        }
        synchronized (APPS) {
            FUZZED.merge(getClass(), headers.size(), Integer::sum);
        }
        assertThat(errors.drain()).as("logged while serving %s", headers).isEmpty();
    }

    @Provide
    Arbitrary<List<String>> cookieHeaders() throws Exception {
        List<String> tokens = tokens();
        return CookieFuzz.headers(tokens.get(0), tokens.get(1)).list().ofSize(20);
    }

    /**
     * The token without its last character, whose unused low bits base64 decoders ignore:
     * a token altered only there still opens its own session, which is no one else's.
     */
    private static String canonicalPart(String token) {
        return token.substring(0, token.length() - 1);
    }

    /** Two visitors' real tokens, the victim's and the other's, made once per store. */
    private List<String> tokens() throws Exception {
        int port = port();
        synchronized (APPS) {
            List<String> tokens = TOKENS.get(getClass());
            if (tokens == null) {
                Visitor victim = new Visitor(port);
                victim.run(List.of(op("put", "secret", "victim's")));
                Visitor other = new Visitor(port);
                other.run(List.of(op("put", "secret", "other's")));
                tokens = List.of(victim.token(), other.token());
                TOKENS.put(getClass(), tokens);
            }
            return tokens;
        }
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

    /** The results, with key lists sorted where the store does not keep key order. */
    private List<@Nullable Object> inComparableOrder(List<Op> request, List<@Nullable Object> results) {
        if (keepsKeyOrder()) {
            return results;
        }
        List<@Nullable Object> comparable = new ArrayList<>(results);
        for (int i = 0; i < request.size(); i++) {
            if (request.get(i).kind().equals("keys") && comparable.get(i) instanceof List<?> keys) {
                comparable.set(i, keys.stream().map(String::valueOf).sorted().toList());
            }
        }
        return comparable;
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

        String token() {
            return this.cookies.getCookieStore()
                .getCookies()
                .stream()
                .filter((cookie) -> cookie.getName().equals("sessionid"))
                .findFirst()
                .orElseThrow()
                .getValue();
        }

        List<String> cookieNames() {
            return this.cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
        }

    }

}
