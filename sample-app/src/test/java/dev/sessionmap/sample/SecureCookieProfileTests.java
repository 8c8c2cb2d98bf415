package dev.sessionmap.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.UserSessions;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The sample's documented switch: the {@code secure-cookie} profile plus a secret from
 * the environment.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("secure-cookie")
class SecureCookieProfileTests {

    @LocalServerPort
    private int port;

    @Autowired
    private SessionStore store;

    @Autowired
    private UserSessions userSessions;

    @DynamicPropertySource
    static void secret(DynamicPropertyRegistry registry) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        registry.add("app.session.secret", () -> Base64.getEncoder().encodeToString(bytes));
    }

    @Test
    void theCounterRunsOnTheCookieStore() throws IOException, InterruptedException {
        assertThat(this.store).isInstanceOf(SecureCookieSessionStore.class);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> first = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/counter")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.body()).isEqualTo("1");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> second = client
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/counter"))
                .header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(second.body()).isEqualTo("2");
    }

    @Test
    void aMemberLogsInCommentsAndLogsOutWithTheWholeSessionInTheCookie() {
        SiteVisitor visitor = new SiteVisitor(this.port);
        assertThat(visitor.logIn("alice", "wonderland").body())
            .contains("Logged in as <strong id=\"member\">Alice</strong>");
        // Spring Security's context and CSRF token, sealed with the count: about 2 KB,
        // under a browser's 4 KB limit.
        assertThat(visitor.sessionCookie().orElseThrow()).hasSizeLessThan(4000);

        visitor.get("/comments");
        assertThat(visitor.postWithoutToken("/comments", Map.of("text", "forged")).statusCode()).isEqualTo(403);
        String text = "Sealed " + System.nanoTime();
        assertThat(visitor.post("/comments", Map.of("text", text)).body()).contains("Thanks for your comment!")
            .containsPattern("<strong>Alice</strong>:\\s*<span>" + text + "</span>");

        assertThat(visitor.post("/logout", Map.of()).body()).contains("You are logged out.").contains("Not logged in");
        assertThat(visitor.get("/").body()).contains("Not logged in");
    }

    @Test
    void yourSessionsCannotListCookieSessionsAndOffersOnlyWhatTheSiteCanDo() {
        SiteVisitor visitor = new SiteVisitor(this.port);
        visitor.logIn("alice", "wonderland");
        String page = visitor.get("/sessions").body();
        assertThat(this.userSessions.canList()).isFalse();
        assertThat(page).contains("<h1>Your sessions</h1>").doesNotContain("id=\"sessions\"");
        if (this.userSessions.canRevoke()) {
            assertThat(page).contains("Log out everywhere else").doesNotContain("id=\"unavailable\"");
        }
        else {
            assertThat(page).contains("id=\"unavailable\"").doesNotContain("Log out everywhere else");
            assertThat(visitor.post("/sessions/revoke-others", Map.of()).body())
                .contains("Logging out other devices is not available on this site.");
        }
        assertThat(visitor.post("/sessions/revoke", Map.of("id", "anything")).body())
            .contains("Sessions cannot be listed here");
        assertThat(visitor.get("/account").body()).contains("<dd id=\"username\">alice</dd>");
    }

    @Test
    void withoutASecretTheProfileRefusesToStart() {
        Assumptions.assumeTrue(System.getenv("APP_SESSION_SECRET") == null,
                "APP_SESSION_SECRET is set in this environment");
        assertThatException()
            .isThrownBy(() -> new SpringApplicationBuilder(SampleApplication.class).profiles("secure-cookie")
                .properties("server.port=0")
                .run()
                .close())
            .satisfies((ex) -> {
                Throwable root = ex;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                assertThat(root).hasMessageContaining("app.session.secret")
                    .hasMessageContaining("openssl rand -base64 32");
            });
    }

}
