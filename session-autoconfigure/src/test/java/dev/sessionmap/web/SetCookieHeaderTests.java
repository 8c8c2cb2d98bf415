package dev.sessionmap.web;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.ResponseCookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link SetCookieHeader} writes what {@link ResponseCookie#toString()} writes, for every
 * combination of settings.
 */
class SetCookieHeaderTests {

    private static final String EXPIRES = "; Expires=[^;]+";

    static Stream<CookieSettings> settings() {
        return SessionCookiesOverheadTests.settings();
    }

    @ParameterizedTest
    @MethodSource("settings")
    void writesWhatResponseCookieWrites(CookieSettings settings) {
        SetCookieHeader header = new SetCookieHeader(settings, Clock.systemUTC());
        String value = "AbC-_0123456789xyz";
        for (boolean secure : new boolean[] { false, true }) {
            for (Duration maxAge : new Duration[] { null, Duration.ofSeconds(-5), Duration.ZERO,
                    Duration.ofMillis(1500), Duration.ofDays(14) }) {
                ResponseCookie.ResponseCookieBuilder expected = ResponseCookie.from(settings.name(), value)
                    .path(settings.path())
                    .domain(settings.domain())
                    .httpOnly(settings.httpOnly())
                    .secure(secure)
                    .sameSite(settings.sameSite());
                if (maxAge != null) {
                    expected.maxAge(maxAge);
                }
                String written = header.format(value, maxAge, secure);
                assertThat(written.replaceAll(EXPIRES, "; Expires=*")).as("secure=%s maxAge=%s", secure, maxAge)
                    .isEqualTo(expected.build().toString().replaceAll(EXPIRES, "; Expires=*"));
            }
        }
    }

    @Test
    void expiresIsNowPlusMaxAgeInGmt() {
        SetCookieHeader header = new SetCookieHeader(CookieSettings.defaults(), Clock.systemUTC());
        long before = System.currentTimeMillis() / 1000 * 1000;
        String written = header.format("v", Duration.ofDays(14), false);
        String expires = written.replaceAll(".*; Expires=([^;]+);.*", "$1");
        long at = ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        assertThat(expires).endsWith(" GMT");
        assertThat(at - Duration.ofDays(14).toMillis()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void zeroMaxAgeExpiresAtTheEpoch() {
        String written = new SetCookieHeader(CookieSettings.defaults(), Clock.systemUTC()).format("", Duration.ZERO,
                false);
        assertThat(written)
            .isEqualTo("sessionid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax");
    }

    @Test
    void refusesWhatResponseCookieRefuses() {
        SetCookieHeader header = new SetCookieHeader(CookieSettings.defaults(), Clock.systemUTC());
        for (String value : new String[] { "a b", "a;b", "a,b", "a\"b", "a\\b", "\u00e9" }) {
            assertThatIllegalArgumentException().isThrownBy(() -> header.format(value, null, false));
            assertThatIllegalArgumentException().isThrownBy(() -> ResponseCookie.from("sessionid", value).build());
        }
        assertThat(header.format("\"quoted\"", null, false)).startsWith("sessionid=\"quoted\";");
    }

}
