package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.sessionmap.web.AbstractSpringSecurityHttpTests.calls;
import static dev.sessionmap.web.AbstractSpringSecurityHttpTests.logIn;
import static dev.sessionmap.web.AbstractSpringSecurityHttpTests.port;
import static dev.sessionmap.web.AbstractSpringSecurityHttpTests.submitLogIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's session limit ({@code maximumSessions(1)}) over real HTTP with two
 * instances of the application on one store: a log-in on one instance ends the oldest
 * session, which is then logged out on both; or, with
 * {@code maxSessionsPreventsLogin(true)}, the second log-in is refused until the first
 * logs out. Each store runs it with its own properties.
 */
abstract class AbstractSessionLimitHttpTests {

    /** The properties that put the application on the store under test. */
    protected abstract Map<String, Object> storeProperties();

    /** Starts an instance on the store under test, with {@code properties} besides. */
    protected ConfigurableApplicationContext start(Map<String, Object> properties) {
        return SecuredTestApplication.start(properties);
    }

    @Test
    void aLogInOnAnotherInstanceEndsTheOldestSessionOnBoth() {
        try (ConfigurableApplicationContext a = start(limitOfOne(false));
                ConfigurableApplicationContext b = start(limitOfOne(false))) {
            Browser first = new Browser(port(a));
            logIn(first);
            String firstSession = first.cookie;
            assertThat(first.get("/account").body()).isEqualTo("hello ada");

            Browser second = new Browser(port(b));
            logIn(second);
            assertThat(second.get("/account").body()).isEqualTo("hello ada");

            Browser firstOnB = new Browser(port(b));
            firstOnB.cookie = firstSession;
            assertThat(firstOnB.get("/account").statusCode()).as("the oldest session, on the instance that ended it")
                .isEqualTo(302);
            assertThat(first.get("/account").statusCode()).as("the oldest session, on the instance it logged in on")
                .isEqualTo(302);
            assertThat(second.get("/account").body()).as("the newest session").isEqualTo("hello ada");
        }
    }

    @Test
    void withPreventsLogInASecondLogInIsRefusedUntilTheFirstSessionLogsOut() {
        try (ConfigurableApplicationContext a = start(limitOfOne(true));
                ConfigurableApplicationContext b = start(limitOfOne(true))) {
            Browser first = new Browser(port(a));
            logIn(first);

            Browser second = new Browser(port(b));
            HttpResponse<String> refused = submitLogIn(second);
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying((location) -> assertThat(location).as("the failure page").endsWith("/login?error"));
            // Spring Security's page names no reason (the password was right: the limit
            // refused it, as the log-in after the log-out below shows).
            assertThat(second.get("/login?error").body()).contains("role=\"alert\"");
            assertThat(second.get("/account").statusCode()).isEqualTo(302);
            assertThat(first.get("/account").body()).as("the first session lives on").isEqualTo("hello ada");

            String token = first.get("/form").body();
            assertThat(first.post("/logout", Map.of("_csrf", token)).statusCode()).isEqualTo(302);
            logIn(second);
            assertThat(second.get("/account").body()).as("once the first logged out").isEqualTo("hello ada");
        }
    }

    @Test
    void theLimitCostsOtherRequestsNoStoreWork() {
        try (ConfigurableApplicationContext app = start(limitOfOne(false))) {
            Browser browser = new Browser(port(app));
            logIn(browser);
            calls(app);
            assertThat(browser.get("/public").body()).isEqualTo("public");
            assertThat(calls(app)).as("a public page, logged in").isEmpty();
            assertThat(browser.get("/account").body()).isEqualTo("hello ada");
            assertThat(calls(app)).as("an authenticated GET").containsExactly("load");
        }
    }

    private Map<String, Object> limitOfOne(boolean preventsLogIn) {
        Map<String, Object> properties = new HashMap<>(storeProperties());
        properties.put("test.maximum-sessions", 1);
        properties.put("test.max-sessions-prevents-login", preventsLogIn);
        return properties;
    }

}
