package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.store.cookie.SecureCookieCodec;
import dev.sessionmap.store.cookie.SecureCookieKeys;
import dev.sessionmap.store.cookie.SecureCookieSessionStore;
import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's life over real HTTP on the secure-cookie store: the shared behaviour,
 * plus bad cookies, rotation and the size limit. Tomcat answers 400 to request headers
 * over 8 KB before any application code runs; the limit is raised here so the 100 KB
 * cookie reaches sessionmap, which ignores cookie values over 4096 characters without
 * decoding them.
 */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.session.store=secure-cookie", "server.max-http-request-header-size=256KB" })
class SecureCookieLifecycleHttpTests extends AbstractSessionLifecycleHttpTests {

    private static final String SECRET = TestSecrets.random();

    private static final String PREVIOUS_SECRET = TestSecrets.random();

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @DynamicPropertySource
    static void secrets(DynamicPropertyRegistry registry) {
        registry.add("app.session.secret", () -> SECRET);
        registry.add("app.session.previous-secrets", () -> PREVIOUS_SECRET);
    }

    private static SecureCookieCodec codec(String secret) {
        return new SecureCookieCodec(SecureCookieKeys.of(secret, List.of()), "sessionid");
    }

    /**
     * A session with the counter at {@code count}, sealed as a server with {@code secret}
     * would seal it.
     */
    private static String sealedElsewhere(String secret, int count) {
        SessionCodec json = SessionCodec.withDefaults();
        SessionSettings settings = new SessionSettings(Duration.ofDays(14), null, Duration.ofMinutes(1));
        SecureCookieSessionStore store = new SecureCookieSessionStore(codec(secret), json, 200);
        Instant now = Instant.now();
        return store.save(SessionWrite.create(SessionIds.generate(), json.newData().put("count", count), now,
                settings.expiry(now, now, null)));
    }

    @Test
    void theCookieIsTheSealedSession() {
        this.browser.get("/counter");
        String cookie = this.browser.cookie;
        assertThat(cookie).matches("[A-Za-z0-9_-]+").hasSizeGreaterThan(100);
        assertThat(DECODER.decode(cookie)[0]).isEqualTo(SecureCookieCodec.VERSION);
        SecureCookieCodec.Opened opened = codec(SECRET).open(cookie);
        assertThat(opened).isNotNull();
        assertThat(new String(opened.plaintext(), StandardCharsets.UTF_8)).contains("\"d\":{\"count\":1}");
    }

    @Test
    void aStoredValueNeverAppearsInTheCookie() {
        this.browser.get("/fill?size=600");
        String cookie = this.browser.cookie;
        assertThat(codec(SECRET).open(cookie).plaintext()).asString(StandardCharsets.UTF_8).contains("x".repeat(600));
        assertThat(cookie).doesNotContain("xxxx", "fill", "count");
        for (int shift = 0; shift < 3; shift++) {
            assertThat(cookie).doesNotContain(
                    ENCODER.encodeToString("x".repeat(30 + shift).getBytes(StandardCharsets.UTF_8)).substring(4, 24));
        }
        assertThat(new String(DECODER.decode(cookie), StandardCharsets.ISO_8859_1)).doesNotContain("xxxx");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-base64", "padded", "too-short", "other-secret", "flipped-bit", "truncated",
            "wrong-version", "other-cookie-name", "100KB" })
    void aBadCookieIsNoSessionAndNeverAnError(String kind) {
        Browser owner = new Browser(this.port);
        owner.get("/counter");
        owner.get("/counter");
        String good = owner.cookie;
        byte[] bytes = DECODER.decode(good);
        String value = switch (kind) {
            case "not-base64" -> "not!base64*" + good.substring(11);
            case "padded" -> good + "==";
            case "too-short" -> good.substring(0, 12);
            case "other-secret" -> sealedElsewhere(TestSecrets.random(), 41);
            case "flipped-bit" -> {
                bytes[bytes.length / 2] ^= 0x10;
                yield ENCODER.encodeToString(bytes);
            }
            case "truncated" -> good.substring(0, good.length() - 1);
            case "wrong-version" -> {
                bytes[0] = 2;
                yield ENCODER.encodeToString(bytes);
            }
            case "other-cookie-name" -> new SecureCookieCodec(SecureCookieKeys.of(SECRET, List.of()), "remember")
                .seal(codec(SECRET).open(good).plaintext());
            case "100KB" -> good + "A".repeat(100 * 1024);
            default -> throw new IllegalArgumentException(kind);
        };
        this.browser.cookie = value;
        HttpResponse<String> response = this.browser.get("/counter");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1");
        assertThat(this.browser.cookie).isNotEqualTo(value);
        assertThat(codec(SECRET).open(this.browser.cookie)).isNotNull();
        assertThat(owner.get("/read").body()).as("the owner's session is untouched").isEqualTo("2");
    }

    @Test
    void aReadWithABadCookieClearsIt() {
        this.browser.cookie = sealedElsewhere(TestSecrets.random(), 41);
        HttpResponse<String> response = this.browser.get("/read");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0");
        assertThat(this.browser.sessionCookie(response))
            .hasValueSatisfying((header) -> assertThat(header).contains("Max-Age=0"));
    }

    @Test
    void aCookieOfThePreviousSecretIsAcceptedAndResealedWithTheCurrentOne() {
        String old = sealedElsewhere(PREVIOUS_SECRET, 41);
        this.browser.cookie = old;
        HttpResponse<String> read = this.browser.get("/read");
        assertThat(read.body()).isEqualTo("41");
        assertThat(this.browser.sessionCookie(read)).as("re-sealed on a read").isPresent();
        assertThat(this.browser.cookie).isNotEqualTo(old);
        assertThat(codec(SECRET).open(this.browser.cookie)).as("opens with the current secret alone").isNotNull();
        assertThat(codec(PREVIOUS_SECRET).open(this.browser.cookie)).isNull();
        assertThat(this.browser.sessionCookie(this.browser.get("/read"))).as("no more re-sealing").isEmpty();
        assertThat(this.browser.get("/counter").body()).isEqualTo("42");
    }

    @Test
    void aCopyOfTheCookieKeptBeforeLogoutStillLoadsUntilItExpires() {
        // The documented limit of every cookie store: nothing on the server can revoke a
        // copied cookie. The
        // end marker stays in the browser that logged out, so the copy is used from
        // elsewhere.
        this.browser.get("/counter");
        String copy = this.browser.cookie;
        this.browser.get("/logout");
        assertThat(this.browser.cookie).isNull();
        Browser elsewhere = new Browser(this.port);
        elsewhere.cookie = copy;
        assertThat(elsewhere.get("/read").body()).isEqualTo("1");
    }

    @Test
    void aSessionNearTheLimitFitsInTheCookie() {
        HttpResponse<String> response = this.browser.get("/fill?size=2700");
        assertThat(response.statusCode()).isEqualTo(200);
        String header = this.browser.sessionCookie(response).orElseThrow();
        assertThat(header.getBytes(StandardCharsets.UTF_8).length).isBetween(3800, CookieUpdate.MAX_COOKIE_BYTES);
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/fill", "/fill-empty", "/fill-redirect" })
    void aSessionTooLargeForTheCookieAnswers500AndTheVisitorKeepsTheOldSession(String path) {
        this.browser.get("/counter");
        String before = this.browser.cookie;
        HttpResponse<String> response = this.browser.get(path + "?size=3200");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(this.browser.sessionCookie(response)).as("no Set-Cookie at all").isEmpty();
        assertThat(response.headers().allValues("Location")).isEmpty();
        assertThat(this.browser.cookie).isEqualTo(before);
        assertThat(this.browser.get("/read").body()).isEqualTo("1");
        assertThat(this.browser.get("/counter").body()).isEqualTo("2");
    }

}
