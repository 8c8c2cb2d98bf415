package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.store.cookie.SecureCookieCodec;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session tokens in a header over real HTTP on the secure-cookie store: the header
 * carries the sealed session, exactly what the cookie would, and nothing on the server
 * can revoke it.
 */
@SpringBootTest(classes = ClassicTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.session.store=secure-cookie", "app.session.header-name=" + ApiClient.HEADER })
class SecureCookieHeaderSessionIdHttpTests extends AbstractHeaderSessionIdHttpTests {

    private static final String SECRET = TestSecrets.random();

    @DynamicPropertySource
    static void secret(DynamicPropertyRegistry registry) {
        registry.add("app.session.secret", () -> SECRET);
    }

    @Override
    protected boolean revokesOldTokens() {
        return false;
    }

    @Test
    void theHeaderCarriesTheSealedSessionWhichAlsoOpensAsTheCookie() {
        this.client.get("/counter");
        String sealed = this.client.token;
        SecureCookieCodec.Opened opened = new SecureCookieCodec(SecureCookieKeys.of(SECRET, List.of()), "sessionid")
            .open(sealed);
        assertThat(opened).isNotNull();
        assertThat(sealed.length()).isLessThanOrEqualTo(CookieUpdate.MAX_COOKIE_BYTES);

        Browser browser = new Browser(this.port);
        browser.cookie = sealed;
        HttpResponse<String> response = browser.get("/read");
        assertThat(response.body()).as("one token, two transports").isEqualTo("1");
    }

}
