package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionmap.core.PrincipalEpochs;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.store.cookie.TestSecrets;
import dev.sessionmap.store.memory.InMemorySessionStore;

import static dev.sessionmap.web.AbstractSpringSecurityHttpTests.logIn;
import static dev.sessionmap.web.AbstractSpringSecurityHttpTests.port;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code usersessions} Actuator endpoint over real HTTP, exposed as an application
 * would expose it, behind the application's log-in and CSRF protection: listing a user's
 * sessions and ending one or all of them on a store that keeps them, revoking by epoch on
 * the secure cookie, and not exposed at all unless asked for.
 */
class UserSessionsEndpointHttpTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final Map<String, Object> EXPOSED = Map.of("management.endpoints.web.exposure.include",
            "usersessions");

    @Nested
    class InMemory extends OnAStoreThatKeepsSessions {

        private final InMemorySessionStore store = new InMemorySessionStore(SessionCodec.withDefaults());

        @Override
        ConfigurableApplicationContext start(Map<String, Object> properties) {
            Map<String, Object> all = new HashMap<>(properties);
            all.put("spring.datasource.url", "jdbc:h2:mem:endpoint-" + UUID.randomUUID());
            return SecuredTestApplication.start(all,
                    (context) -> context.getBeanFactory().registerSingleton("sessionStore", this.store));
        }

    }

    @Nested
    class H2Datastore extends OnAStoreThatKeepsSessions {

        @Override
        ConfigurableApplicationContext start(Map<String, Object> properties) {
            Map<String, Object> all = new HashMap<>(properties);
            all.put("spring.datasource.url", "jdbc:h2:mem:endpoint-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return SecuredTestApplication.start(all);
        }

    }

    abstract static class OnAStoreThatKeepsSessions {

        abstract ConfigurableApplicationContext start(Map<String, Object> properties);

        @Test
        void listsAUsersSessionsAndEndsOneOrAll() {
            try (ConfigurableApplicationContext app = start(EXPOSED)) {
                Browser operator = operator(app);
                Browser phone = loggedIn(app, "Phone/1.0");
                Browser laptop = loggedIn(app, "Laptop/2.0");

                JsonNode listed = body(operator.get("/actuator/usersessions?principal=ada"));
                assertThat(listed.get("principal").asString()).isEqualTo("ada");
                assertThat(listed.get("sessions").valueStream().map((s) -> s.path("userAgent").asString("")))
                    .containsExactlyInAnyOrder("Operator/1.0", "Phone/1.0", "Laptop/2.0");
                String phoneId = listed.get("sessions")
                    .valueStream()
                    .filter((s) -> s.path("userAgent").asString("").equals("Phone/1.0"))
                    .findFirst()
                    .orElseThrow()
                    .get("id")
                    .asString();

                JsonNode deleted = body(operator.delete("/actuator/usersessions/" + phoneId));
                assertThat(deleted.get("deleted").asBoolean()).isTrue();
                assertThat(phone.get("/account").statusCode()).as("the session ended").isEqualTo(302);
                assertThat(laptop.get("/account").body()).as("the others live on").isEqualTo("hello ada");
                assertThat(body(operator.delete("/actuator/usersessions/" + phoneId)).get("deleted").asBoolean())
                    .as("once only")
                    .isFalse();

                JsonNode revoked = body(operator.delete("/actuator/usersessions?principal=ada"));
                assertThat(revoked.get("revoked").asInt()).as("the laptop's and the operator's own").isEqualTo(2);
                assertThat(revoked.get("epochAdvanced").asBoolean()).isFalse();
                assertThat(laptop.get("/account").statusCode()).isEqualTo(302);
                assertThat(operator.get("/account").statusCode()).isEqualTo(302);
            }
        }

        @Test
        void isNotExposedOverHttpUnlessTheApplicationSaysSo() {
            try (ConfigurableApplicationContext app = start(Map.of())) {
                assertThat(operator(app).get("/actuator/usersessions?principal=ada").statusCode()).isEqualTo(404);
            }
        }

    }

    @Nested
    class OnTheSecureCookie {

        private final String secret = TestSecrets.random();

        @Test
        void cannotListButEndsAllOfAUsersSessionsByAdvancingTheEpoch() {
            PrincipalEpochs epochs = new MapEpochs();
            try (ConfigurableApplicationContext app = SecuredTestApplication.start(cookieStore(),
                    (context) -> context.getBeanFactory().registerSingleton("principalEpochs", epochs))) {
                Browser operator = operator(app);
                Browser phone = loggedIn(app, "Phone/1.0");

                JsonNode listed = body(operator.get("/actuator/usersessions?principal=ada"));
                assertThat(listed.has("sessions")).isFalse();
                assertThat(listed.get("unavailable").asString()).contains("cannot be listed");
                assertThat(operator.delete("/actuator/usersessions/anything").statusCode())
                    .as("one session cannot be named")
                    .isEqualTo(400);

                JsonNode revoked = body(operator.delete("/actuator/usersessions?principal=ada"));
                assertThat(revoked.has("revoked")).as("the store cannot count them").isFalse();
                assertThat(revoked.get("epochAdvanced").asBoolean()).isTrue();
                assertThat(epochs.current("ada")).isEqualTo(1);
                assertThat(phone.get("/account").statusCode()).as("logged in before the epoch").isEqualTo(302);
            }
        }

        @Test
        void withoutEpochsRefusesToRevoke() {
            Map<String, Object> properties = cookieStore();
            properties.put("app.session.revocation.store", "none");
            try (ConfigurableApplicationContext app = SecuredTestApplication.start(properties)) {
                assertThat(operator(app).delete("/actuator/usersessions?principal=ada").statusCode()).isEqualTo(400);
            }
        }

        private Map<String, Object> cookieStore() {
            Map<String, Object> properties = new HashMap<>(EXPOSED);
            properties.put("app.session.store", "secure-cookie");
            properties.put("app.session.secret", this.secret);
            return properties;
        }

    }

    /** An operator: here any logged-in user, with the CSRF token a DELETE needs. */
    private static Browser operator(ConfigurableApplicationContext app) {
        Browser operator = loggedIn(app, "Operator/1.0");
        operator.headers.put("X-CSRF-TOKEN", operator.get("/form").body());
        return operator;
    }

    private static Browser loggedIn(ConfigurableApplicationContext app, String userAgent) {
        Browser browser = new Browser(port(app));
        browser.headers.put("User-Agent", userAgent);
        logIn(browser);
        return browser;
    }

    private static JsonNode body(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Users' epochs in a map, as a database table would keep them. */
    static final class MapEpochs implements PrincipalEpochs {

        private final Map<String, Long> epochs = new ConcurrentHashMap<>();

        @Override
        public long current(String principal) {
            return this.epochs.getOrDefault(principal, 0L);
        }

        @Override
        public long advance(String principal) {
            return this.epochs.merge(principal, 1L, Long::sum);
        }

    }

}
