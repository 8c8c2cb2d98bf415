package dev.sessionmap.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionmap.store.cookie.TestSecrets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth2 log-in against an authorization server stubbed inside the test (authorization,
 * token and user-info endpoints): the authorization request Spring Security keeps in the
 * session survives the round trip through the identity provider, and the visitor ends
 * logged in on the page first asked for, with no {@code JSESSIONID}.
 */
class OAuth2LogInHttpTests {

    private static final String CODE = "stub-code-" + UUID.randomUUID();

    private static final String ACCESS_TOKEN = "stub-token-" + UUID.randomUUID();

    private static HttpServer provider;

    @BeforeAll
    static void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/authorize", OAuth2LogInHttpTests::authorize);
        provider.createContext("/token", OAuth2LogInHttpTests::token);
        provider.createContext("/userinfo", OAuth2LogInHttpTests::userInfo);
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop(0);
    }

    /**
     * The visitor approves at once: back to the client with a code and the state it was
     * sent.
     */
    private static void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String back = query.get("redirect_uri") + "?code=" + CODE + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void token(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!"POST".equals(exchange.getRequestMethod()) || !CODE.equals(query(form).get("code"))) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        respond(exchange, 200, "{\"access_token\":\"" + ACCESS_TOKEN
                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"profile\"}");
    }

    private static void userInfo(HttpExchange exchange) throws IOException {
        if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{}");
            return;
        }
        respond(exchange, 200, "{\"sub\":\"grace\",\"name\":\"Grace Hopper\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static Map<String, Object> registration() {
        String base = "http://127.0.0.1:" + provider.getAddress().getPort();
        String registration = "spring.security.oauth2.client.registration.stub.";
        String providerKey = "spring.security.oauth2.client.provider.stub.";
        Map<String, Object> properties = new HashMap<>();
        properties.put(registration + "client-id", "sessionmap-test");
        properties.put(registration + "client-secret", "stub-secret");
        properties.put(registration + "authorization-grant-type", "authorization_code");
        properties.put(registration + "redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}");
        properties.put(registration + "scope", "profile");
        properties.put(providerKey + "authorization-uri", base + "/authorize");
        properties.put(providerKey + "token-uri", base + "/token");
        properties.put(providerKey + "user-info-uri", base + "/userinfo");
        properties.put(providerKey + "user-name-attribute", "sub");
        return properties;
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OnAStore {

        private ConfigurableApplicationContext app;

        abstract Map<String, Object> storeProperties();

        @BeforeAll
        void start() {
            Map<String, Object> properties = new HashMap<>(registration());
            properties.putAll(storeProperties());
            this.app = SecuredTestApplication.start(properties);
        }

        @AfterAll
        void stop() {
            this.app.close();
        }

        @Test
        void theAuthorizationRequestSurvivesTheRoundTripAndTheVisitorEndsLoggedInWhereTheyWereGoing() throws Exception {
            Browser browser = new Browser(AbstractSpringSecurityHttpTests.port(this.app));
            assertThat(browser.get("/account").statusCode()).isEqualTo(302);

            HttpResponse<String> toProvider = browser.get("/oauth2/authorization/stub");
            assertThat(toProvider.statusCode()).isEqualTo(302);
            String authorize = toProvider.headers().firstValue("Location").orElseThrow();
            assertThat(authorize).startsWith("http://127.0.0.1:" + provider.getAddress().getPort() + "/authorize");

            HttpResponse<Void> approved = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.discarding());
            URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> loggedIn = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
            assertThat(loggedIn.statusCode()).isEqualTo(302);
            assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).as("the saved request")
                .contains("/account")
                .doesNotContain("error");

            assertThat(browser.get("/account").body()).isEqualTo("hello grace");
            assertThat(browser.cookiesSet).containsExactly("sessionid");
        }

    }

    @Nested
    class Datastore extends OnAStore {

        @Override
        Map<String, Object> storeProperties() {
            return Map.of("spring.datasource.url", "jdbc:h2:mem:oauth-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        }

    }

    @Nested
    class SecureCookie extends OnAStore {

        @Override
        Map<String, Object> storeProperties() {
            return Map.of("app.session.store", "secure-cookie", "app.session.secret", TestSecrets.random());
        }

    }

    @Nested
    @EnabledWithRedis
    class Redis extends OnAStore {

        @Override
        Map<String, Object> storeProperties() {
            return Map.of("app.session.store", "redis", "spring.data.redis.url", TestRedis.url(),
                    "app.session.redis.namespace", TestRedis.namespace());
        }

    }

}
