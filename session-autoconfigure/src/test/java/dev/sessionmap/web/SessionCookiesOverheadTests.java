package dev.sessionmap.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.sessionmap.core.CookieUpdate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionCookies#overhead()} bounds every {@code Set-Cookie} header it writes, so
 * a store can size its value.
 */
class SessionCookiesOverheadTests {

    static Stream<CookieSettings> settings() {
        return Stream.of(CookieSettings.defaults(),
                new CookieSettings("a-much-longer-session-cookie-name", "shop.example.com", "/store/checkout",
                        CookieSettings.Secure.TRUE, true, "None", null),
                new CookieSettings("sid", null, "/", CookieSettings.Secure.FALSE, false, null, Duration.ofDays(400)),
                new CookieSettings("sid", "example.org", "/", CookieSettings.Secure.AUTO, true, "Strict", null));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void theHeaderIsNeverLongerThanOverheadPlusValue(CookieSettings settings) {
        SessionCookies cookies = new SessionCookies(settings);
        String value = "v".repeat(3000);
        for (boolean https : new boolean[] { false, true }) {
            for (Duration maxAge : new Duration[] { Duration.ZERO, Duration.ofMinutes(5), Duration.ofDays(14),
                    Duration.ofDays(3650) }) {
                MockHttpServletRequest request = new MockHttpServletRequest();
                request.setSecure(https);
                MockHttpServletResponse response = new MockHttpServletResponse();
                cookies.write(CookieUpdate.set(value, maxAge), request, response);
                int length = response.getHeader("Set-Cookie").getBytes(StandardCharsets.UTF_8).length;
                assertThat(length).as("https=%s maxAge=%s", https, maxAge)
                    .isLessThanOrEqualTo(cookies.overhead() + value.length())
                    .isGreaterThan(cookies.overhead() + value.length() - 20);
                MockHttpServletResponse browserSession = new MockHttpServletResponse();
                cookies.write(CookieUpdate.set(value, maxAge, true), request, browserSession);
                assertThat(browserSession.getHeader("Set-Cookie")).doesNotContain("Max-Age");
                assertThat(browserSession.getHeader("Set-Cookie").getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(cookies.overhead() + value.length());
            }
        }
    }

    @Test
    void theCompanionCookiesAreWrittenLikeTheSessionCookieWithExpiresFromTheApplicationsClock() {
        CookieSettings settings = new CookieSettings("__Host-sid", null, "/", CookieSettings.Secure.TRUE, true,
                "Strict", null);
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        SessionCookies cookies = new SessionCookies(settings, clock);
        MockHttpServletResponse response = new MockHttpServletResponse();

        cookies.writeCompanion("flash", Duration.ofMinutes(1), new MockHttpServletRequest(), response);
        cookies.write(CookieUpdate.CLEAR, new MockHttpServletRequest(), response);

        assertThat(response.getHeaders("Set-Cookie")).containsExactly(
                "__Host-sid_flash=1; Path=/; Max-Age=60; Expires=Tue, 1 Jan 2030 00:01:00 GMT; Secure; HttpOnly;"
                        + " SameSite=Strict",
                "__Host-sid=; Path=/; Max-Age=0; Expires=Thu, 1 Jan 1970 00:00:00 GMT; Secure; HttpOnly;"
                        + " SameSite=Strict");
    }

}
