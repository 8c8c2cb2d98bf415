package dev.sessionmap.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sessionmap.store.cookie.TestSecrets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security on the secure-cookie store: the whole log-in travels in the cookie, and
 * fits.
 */
class SecureCookieSpringSecurityHttpTests extends AbstractSpringSecurityHttpTests {

    private final String secret = TestSecrets.random();

    @Override
    protected Map<String, Object> storeProperties() {
        return Map.of("app.session.store", "secure-cookie", "app.session.secret", this.secret);
    }

    @Test
    void aLoggedInSessionOfATypicalUserFitsTheCookieLimit() {
        logIn(this.browser);
        this.browser.get("/form");
        String header = this.browser.sessionCookie(this.browser.get("/account")).orElse(null);
        int bytes = ("sessionid=" + this.browser.cookie).getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("[cookie size] logged-in session (user, 5 authorities, CSRF token): %d bytes%n", bytes);
        assertThat(bytes).isLessThan(4096);
        assertThat(header).as("a read sets no cookie").isNull();
    }

}
