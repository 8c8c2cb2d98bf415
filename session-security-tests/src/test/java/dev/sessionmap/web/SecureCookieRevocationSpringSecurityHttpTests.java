package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Log out everywhere else" for Spring Security log-ins on the secure-cookie store, with
 * two instances sharing one database for the epochs, as behind a load balancer: the user
 * is named from Spring Security's context, and a revocation made on one instance is
 * refused on the other (read on every request here, {@code cache-ttl=0}).
 */
class SecureCookieRevocationSpringSecurityHttpTests {

    private static Map<String, Object> properties(String database, String secret) {
        return Map.of("app.session.store", "secure-cookie", "app.session.secret", secret,
                "app.session.revocation.cache-ttl", "0", "spring.datasource.url",
                "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "spring.datasource.username", "sa");
    }

    @Test
    void loggingOutElsewhereOnOneInstanceLogsTheOtherBrowserOutOnBoth() {
        String database = "epochs-" + UUID.randomUUID();
        String secret = TestSecrets.random();
        try (ConfigurableApplicationContext first = SecuredTestApplication.start(properties(database, secret));
                ConfigurableApplicationContext second = SecuredTestApplication.start(properties(database, secret))) {
            Browser laptop = new Browser(AbstractSpringSecurityHttpTests.port(first));
            Browser phone = new Browser(AbstractSpringSecurityHttpTests.port(second));
            AbstractSpringSecurityHttpTests.logIn(laptop);
            AbstractSpringSecurityHttpTests.logIn(phone);
            Browser phoneOnFirst = new Browser(AbstractSpringSecurityHttpTests.port(first));
            phoneOnFirst.cookie = phone.cookie;
            assertThat(phone.get("/account").body()).isEqualTo("hello ada");
            assertThat(phoneOnFirst.get("/account").body()).isEqualTo("hello ada");

            String csrf = laptop.get("/form").body();
            HttpResponse<String> revoked = laptop.post("/account/log-out-elsewhere", Map.of("_csrf", csrf));
            assertThat(revoked.statusCode()).isEqualTo(200);

            assertThat(phone.get("/account").statusCode()).as("the other browser, on the other instance")
                .isEqualTo(302);
            assertThat(phoneOnFirst.get("/account").statusCode()).as("and on this one").isEqualTo(302);
            assertThat(laptop.get("/account").body()).as("the caller stays logged in").isEqualTo("hello ada");
            Browser laptopOnSecond = new Browser(AbstractSpringSecurityHttpTests.port(second));
            laptopOnSecond.cookie = laptop.cookie;
            assertThat(laptopOnSecond.get("/account").body()).as("on both instances").isEqualTo("hello ada");
        }
    }

}
