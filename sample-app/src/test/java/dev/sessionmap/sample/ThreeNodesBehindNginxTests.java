package dev.sessionmap.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.sample.BalancedVisitor.Exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three instances of the sample app behind Debian's nginx, plain round-robin with no
 * stickiness, sharing one store: every request of a visitor lands on another node than
 * the one before, and log-in, counter, comments and log-out work as on one node. Then one
 * node is stopped while visitors keep going: they lose at most the requests in flight.
 * The nodes read the client's scheme and address from nginx's forwarded headers
 * ({@code server.forward-headers-strategy=native}). Skipped when nginx or the store's
 * server is missing ({@code .ci/run} installs nginx and exports the servers' URLs).
 */
class ThreeNodesBehindNginxTests {

    private static final Login ALICE = new Login("alice", "wonderland", "Alice");

    private static final Login BOB = new Login("bob", "builder", "Bob");

    private static final int VISITORS = 6;

    private static final int ROUNDS = 30;

    private static final List<String> FORWARDED = List.of("--server.forward-headers-strategy=native",
            "--app.session.bind-to-ip=true");

    @TempDir
    Path directory;

    @Test
    void onOnePostgresqlDatabase() throws Exception {
        Path nginx = nginx();
        String url = System.getenv("SESSIONMAP_POSTGRES_URL");
        assumeTrue(url != null, "SESSIONMAP_POSTGRES_URL is not set (.ci/run sets it when PostgreSQL is up)");
        String user = Objects.requireNonNullElse(System.getenv("SESSIONMAP_POSTGRES_USER"), "postgres");
        String schema = "sessionmap_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, user, "CREATE SCHEMA " + schema);
        try {
            run("datastore on PostgreSQL", nginx, List.of("--spring.profiles.active=postgres",
                    "--app.session.store=datastore", "--spring.datasource.username=" + user,
                    "--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema),
                    (node) -> {
                    });
        }
        finally {
            execute(url, user, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void onOneRedis() throws Exception {
        Path nginx = nginx();
        String url = System.getenv("SESSIONMAP_REDIS_URL");
        assumeTrue(url != null, "SESSIONMAP_REDIS_URL is not set (.ci/run sets it when Redis is up)");
        String namespace = "sessionmap-nodes-" + UUID.randomUUID().toString().substring(0, 8);
        run("redis", nginx, List.of("--app.session.store=redis", "--spring.data.redis.url=" + url,
                "--app.session.redis.namespace=" + namespace), (node) -> {
                    StringRedisTemplate redis = node.getBean(StringRedisTemplate.class);
                    try (Cursor<String> keys = redis
                        .scan(ScanOptions.scanOptions().match("*" + namespace + "*").build())) {
                        keys.forEachRemaining(redis::delete);
                    }
                });
    }

    private void run(String store, Path binary, List<String> storeArgs,
            Consumer<ConfigurableApplicationContext> cleanUp) throws Exception {
        List<String> args = new ArrayList<>(storeArgs);
        args.addAll(FORWARDED);
        try (SampleNodes nodes = SampleNodes.start(3, args);
                Nginx nginx = Nginx.start(binary, this.directory, nodes.ports())) {
            try {
                for (Login member : List.of(ALICE, BOB)) {
                    aWholeVisitGoesRoundTheNodes(nginx, nodes, member);
                }
                theNodesSeeTheForwardedSchemeAndAddress(nginx);
                visitorsKeepGoingWhileANodeStops(store, nginx, nodes);
            }
            finally {
                cleanUp.accept(nodes.context(0));
            }
        }
    }

    private void aWholeVisitGoesRoundTheNodes(Nginx nginx, SampleNodes nodes, Login member) throws Exception {
        String username = member.username();
        String name = member.name();
        BalancedVisitor visitor = new BalancedVisitor(nginx.port());
        assertThat(ok(visitor.get("/login")).body()).contains("Not logged in");
        HttpResponse<String> home = ok(visitor.post("/login", member.form()));
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(home.body()).contains("Logged in as <strong id=\"member\">" + name + "</strong>")
            .contains("Welcome, " + name + ".")
            .contains("<strong id=\"count\">1</strong>");
        for (int count = 2; count <= 6; count++) {
            assertThat(ok(visitor.get("/counter")).body()).isEqualTo(Integer.toString(count));
        }
        assertThat(ok(visitor.get("/comments")).body()).contains(name).doesNotContain("Thanks for your comment!");
        String text = name + " through nginx " + UUID.randomUUID();
        HttpResponse<String> posted = ok(visitor.post("/comments", Map.of("text", text)));
        assertThat(posted.uri().getPath()).isEqualTo("/comments");
        assertThat(posted.body()).contains("Thanks for your comment!")
            .containsPattern("<strong>" + name + "</strong>:\\s*<span>" + text + "</span>");
        assertThat(ok(visitor.get("/comments")).body()).contains(text).doesNotContain("Thanks for your comment!");
        assertThat(ok(visitor.post("/comments", Map.of("text", "twice"))).body())
            .contains("You have already commented.");
        assertThat(ok(visitor.get("/account")).body()).contains("<dd id=\"username\">" + username + "</dd>");
        String loggedIn = visitor.sessionCookie().orElseThrow();
        HttpResponse<String> out = ok(visitor.post("/logout", Map.of()));
        assertThat(out.uri().getPath()).isEqualTo("/");
        assertThat(out.body()).contains("You are logged out.").contains("Not logged in").doesNotContain(name);
        assertThat(ok(visitor.get("/account")).uri().getPath()).isEqualTo("/login");
        assertThat(presenting(nginx.port(), loggedIn, null, "/").body()).contains("Not logged in");

        List<Exchange> exchanges = visitor.exchanges();
        assertThat(exchanges).as("every exchange, redirects included")
            .hasSizeGreaterThan(15)
            .allSatisfy((exchange) -> assertThat(exchange.retried()).as("%s", exchange).isFalse());
        for (int i = 1; i < exchanges.size(); i++) {
            assertThat(exchanges.get(i).node()).as("the node of %s after %s", exchanges.get(i), exchanges.get(i - 1))
                .isNotEqualTo(exchanges.get(i - 1).node());
        }
        assertThat(exchanges.stream().map(Exchange::node).collect(Collectors.toSet()))
            .containsExactlyInAnyOrder(nodes.address(0), nodes.address(1), nodes.address(2));
    }

    /**
     * nginx's second port stands for a TLS-terminating front, so the cookie is
     * {@code Secure} there only; the addresses are the ones {@code X-Forwarded-For}
     * names, which this client, on a trusted (loopback) address, sends as a front proxy
     * would, while every node's socket sees nginx at 127.0.0.1.
     */
    private void theNodesSeeTheForwardedSchemeAndAddress(Nginx nginx) throws Exception {
        assertThat(sessionCookieHeader(presenting(nginx.httpsPort(), null, null, "/counter"))).contains("; Secure");
        assertThat(sessionCookieHeader(presenting(nginx.port(), null, null, "/counter"))).doesNotContain("Secure");

        BalancedVisitor owner = new BalancedVisitor(nginx.port(), Map.of("X-Forwarded-For", "203.0.113.7"));
        for (int count = 1; count <= 3; count++) {
            assertThat(ok(owner.get("/counter")).body()).isEqualTo(Integer.toString(count));
        }
        String cookie = owner.sessionCookie().orElseThrow();
        assertThat(presenting(nginx.port(), cookie, "198.51.100.9", "/counter").body()).as("from another address")
            .isEqualTo("1");
        assertThat(presenting(nginx.port(), cookie, "203.0.113.7", "/counter").body()).isEqualTo("4");
    }

    private void visitorsKeepGoingWhileANodeStops(String store, Nginx nginx, SampleNodes nodes) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(VISITORS);
        List<Future<Trail>> trails = new ArrayList<>();
        try {
            for (int i = 0; i < VISITORS; i++) {
                Login member = (i % 2 == 0) ? ALICE : BOB;
                trails.add(pool.submit(() -> keepVisiting(nginx, member, answered)));
            }
            await("a third of the visits").atMost(Duration.ofSeconds(60))
                .until(() -> answered.get() >= VISITORS * ROUNDS / 3);
            long stopping = System.nanoTime();
            nodes.stop(1);
            long stopped = System.nanoTime();
            List<Exchange> all = new ArrayList<>();
            for (Future<Trail> future : trails) {
                Trail trail = future.get();
                trail.assertNothingLostButFailedRequests();
                all.addAll(trail.visitor().exchanges());
            }
            List<Exchange> failed = all.stream().filter(ThreeNodesBehindNginxTests::failed).toList();
            assertThat(failed).as("lost requests: at most the one each visitor had in flight")
                .hasSizeLessThanOrEqualTo(VISITORS)
                .allSatisfy((exchange) -> assertThat(exchange.status()).isIn(BalancedVisitor.NO_RESPONSE, 502, 504));
            assertThat(all).filteredOn((exchange) -> exchange.answeredAt() > stopped)
                .isNotEmpty()
                .noneMatch((exchange) -> exchange.node().equals(nodes.address(1)));
            report(store, nodes, all, stopping, stopped, nginx);
        }
        finally {
            pool.shutdownNow();
        }
    }

    /**
     * One visitor logs in, then keeps counting, with a comment post now and then, and
     * ends on the member page.
     */
    private static Trail keepVisiting(Nginx nginx, Login member, AtomicInteger answered) {
        BalancedVisitor visitor = new BalancedVisitor(nginx.port());
        visitor.get("/login");
        visitor.post("/login", member.form());
        List<@Nullable Integer> counts = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            if (round % 8 == 0) {
                visitor.get("/comments");
                visitor.post("/comments", Map.of("text", "again"));
            }
            else {
                HttpResponse<String> counter = visitor.get("/counter");
                counts.add((counter != null && counter.statusCode() == 200) ? Integer.valueOf(counter.body()) : null);
            }
            answered.incrementAndGet();
        }
        HttpResponse<String> account = visitor.get("/account");
        return new Trail(visitor, member.username(), counts, (account != null) ? account : null);
    }

    private static boolean failed(Exchange exchange) {
        return exchange.status() == BalancedVisitor.NO_RESPONSE || exchange.status() >= 400;
    }

    private static void report(String store, SampleNodes nodes, List<Exchange> all, long stopping, long stopped,
            Nginx nginx) throws Exception {
        Map<String, Long> byNode = new TreeMap<>(all.stream()
            .filter((exchange) -> !failed(exchange))
            .collect(Collectors.groupingBy((exchange) -> name(nodes, exchange.node()), Collectors.counting())));
        Map<Integer, Long> failures = new TreeMap<>(all.stream()
            .filter(ThreeNodesBehindNginxTests::failed)
            .collect(Collectors.groupingBy(Exchange::status, Collectors.counting())));
        long retried = all.stream().filter(Exchange::retried).count();
        long afterStop = all.stream().filter((exchange) -> exchange.answeredAt() > stopped).count();
        List<String> log = nginx.accessLog();
        System.out.printf(
                "[threenodes] %s: %d exchanges while node1 stopped (%d answered after its stop, which took %d ms);"
                        + " failed by status %s; answered by node %s; retried on another node by nginx %d;"
                        + " nginx access log lines for the whole test %d (retried %d)%n",
                store, all.size(), afterStop, Duration.ofNanos(stopped - stopping).toMillis(), failures, byNode,
                retried, log.size(), log.stream().filter((line) -> line.contains(", ")).count());
        all.stream()
            .filter((exchange) -> failed(exchange) || exchange.retried())
            .forEach((exchange) -> System.out.printf("[threenodes] %s: %s %s answered %d by %s%n", store,
                    exchange.method(), exchange.path(), exchange.status(), exchange.upstream()));
        nginx.errorLog()
            .lines()
            .filter((line) -> line.contains("upstream"))
            .forEach((line) -> System.out.printf("[threenodes] %s: nginx error log: %s%n", store, line));
    }

    private static String name(SampleNodes nodes, String address) {
        for (int i = 0; i < nodes.ports().size(); i++) {
            if (nodes.address(i).equals(address)) {
                return "node" + i;
            }
        }
        return address;
    }

    /**
     * What one visitor saw: the count after each counter request ({@code null} when it
     * failed) and the member page at the end.
     */
    private record Trail(BalancedVisitor visitor, String username, List<@Nullable Integer> counts,
            @Nullable HttpResponse<String> account) {

        /**
         * The count never starts again, and skips only what a failed request may have
         * counted; the visitor is still logged in at the end.
         */
        void assertNothingLostButFailedRequests() {
            int previous = 1;
            int failedSince = 0;
            for (@Nullable
            Integer count : this.counts) {
                if (count == null) {
                    failedSince++;
                    continue;
                }
                assertThat(count).as("%s's count after %d", this.username, previous)
                    .isBetween(previous + 1, previous + 1 + failedSince);
                previous = count;
                failedSince = 0;
            }
            assertThat(this.account).isNotNull();
            assertThat(this.account.statusCode()).isEqualTo(200);
            assertThat(this.account.body()).contains("<dd id=\"username\">" + this.username + "</dd>");
        }

    }

    /** A member of the sample site (see {@link Members}). */
    private record Login(String username, String password, String name) {

        Map<String, String> form() {
            return Map.of("username", this.username, "password", this.password);
        }

    }

    private static HttpResponse<String> ok(@Nullable HttpResponse<String> response) {
        assertThat(response).as("an answer").isNotNull();
        assertThat(response.statusCode()).as("%s %s", response.request().method(), response.uri()).isEqualTo(200);
        return response;
    }

    /**
     * A GET with only this cookie (none when {@code null}) and, when given, this
     * {@code X-Forwarded-For}; no redirects followed.
     */
    private static HttpResponse<String> presenting(int port, @Nullable String cookie, @Nullable String forwardedFor,
            String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (cookie != null) {
            request.header("Cookie", SiteVisitor.SESSION_COOKIE + "=" + cookie);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String sessionCookieHeader(HttpResponse<String> response) {
        return response.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter((header) -> header.startsWith(SiteVisitor.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie set: " + response.headers()));
    }

    private static Path nginx() {
        Path nginx = Nginx.binary();
        assumeTrue(nginx != null, "nginx is not installed (.ci/run installs Debian's nginx)");
        return nginx;
    }

    private static void execute(String url, String user, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
