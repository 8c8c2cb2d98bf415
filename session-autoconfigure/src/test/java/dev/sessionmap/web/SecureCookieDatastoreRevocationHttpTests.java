package dev.sessionmap.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.store.cookie.TestSecrets;

/**
 * Cookie revocation with the epochs in the application's database (H2 here), chosen by
 * {@code app.session.revocation.store=auto}.
 */
@SpringBootTest(classes = { LifecycleTestApplication.class, AccountHandlers.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.session.store=secure-cookie")
class SecureCookieDatastoreRevocationHttpTests extends AbstractCookieRevocationHttpTests {

    private static final String SECRET = TestSecrets.random();

    @DynamicPropertySource
    static void secret(DynamicPropertyRegistry registry) {
        registry.add("app.session.secret", () -> SECRET);
    }

}
