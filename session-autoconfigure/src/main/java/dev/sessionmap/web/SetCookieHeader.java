package dev.sessionmap.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;
import org.springframework.util.StringUtils;

/**
 * The session cookie's {@code Set-Cookie} header, exactly as
 * {@link ResponseCookie#toString()} writes it, with the attributes fixed by the settings
 * joined once at start-up and the {@code Expires} date formatted at most once a second.
 * Building a {@code ResponseCookie} and formatting its date on every response was about a
 * sixth of a secure-cookie request's session work.
 *
 * <p>
 * Thread-safe.
 */
final class SetCookieHeader {

    /**
     * The date format of {@code ResponseCookie} (through {@code HttpHeaders.formatDate}).
     */
    private static final DateTimeFormatter EXPIRES_FORMAT = DateTimeFormatter
        .ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
        .withZone(ZoneId.of("GMT"));

    private final String prefix;

    private final String pathAndDomain;

    private final String secureTail;

    private final String plainTail;

    private final Clock clock;

    private volatile ExpiresDate lastExpires = new ExpiresDate(Long.MIN_VALUE, "");

    /**
     * Validated as {@code ResponseCookie} does, and against the rules of the
     * {@code __Host-} and {@code __Secure-} name prefixes, so a bad name, path or domain
     * fails at start-up.
     */
    SetCookieHeader(CookieSettings settings, Clock clock) {
        this.clock = clock;
        ResponseCookie.from(settings.name(), "").path(settings.path()).domain(settings.domain()).build();
        checkPrefix(settings);
        this.prefix = settings.name() + "=";
        this.pathAndDomain = attribute("Path", settings.path()) + attribute("Domain", settings.domain());
        String rest = (settings.httpOnly() ? "; HttpOnly" : "") + attribute("SameSite", settings.sameSite());
        this.secureTail = "; Secure" + rest;
        this.plainTail = rest;
    }

    /**
     * The header for {@code value}, valid for {@code maxAge} ({@code null}: until the
     * browser closes).
     * @throws IllegalArgumentException for a value {@code ResponseCookie} would refuse
     */
    String format(String value, @Nullable Duration maxAge, boolean secure) {
        checkValue(value);
        StringBuilder header = new StringBuilder(this.prefix.length() + value.length() + 160);
        header.append(this.prefix).append(value).append(this.pathAndDomain);
        if (maxAge != null && !maxAge.isNegative()) {
            long seconds = maxAge.getSeconds();
            header.append("; Max-Age=").append(seconds).append("; Expires=");
            header.append(expires((seconds > 0) ? this.clock.millis() + maxAge.toMillis() : 0));
        }
        return header.append(secure ? this.secureTail : this.plainTail).toString();
    }

    private String expires(long millis) {
        long second = Math.floorDiv(millis, 1000);
        ExpiresDate last = this.lastExpires;
        if (last.second() != second) {
            last = new ExpiresDate(second, EXPIRES_FORMAT.format(Instant.ofEpochMilli(millis)));
            this.lastExpires = last;
        }
        return last.text();
    }

    /**
     * Browsers silently drop a {@code __Host-} cookie that is not {@code Secure}, has a
     * {@code Domain} or a {@code Path} other than {@code /}, and a {@code __Secure-}
     * cookie that is not {@code Secure}; they match the prefixes ignoring case.
     * {@code secure=auto} would leave the cookie off plain-HTTP responses.
     */
    private static void checkPrefix(CookieSettings settings) {
        String name = settings.name();
        boolean host = name.regionMatches(true, 0, "__Host-", 0, 7);
        if (!host && !name.regionMatches(true, 0, "__Secure-", 0, 9)) {
            return;
        }
        List<String> needs = new ArrayList<>();
        if (settings.secure() != CookieSettings.Secure.TRUE) {
            needs.add("app.session.cookie.secure=true");
        }
        if (host && StringUtils.hasText(settings.domain())) {
            needs.add("no app.session.cookie.domain");
        }
        if (host && !"/".equals(settings.path())) {
            needs.add("app.session.cookie.path=/");
        }
        if (!needs.isEmpty()) {
            String rule = host ? "a __Host- cookie only when it is Secure, has no Domain and has Path=/"
                    : "a __Secure- cookie only when it is Secure";
            throw new IllegalArgumentException("app.session.cookie.name=" + name + " needs " + String.join(", ", needs)
                    + ": browsers keep " + rule);
        }
    }

    private static String attribute(String name, @Nullable String value) {
        return StringUtils.hasText(value) ? "; " + name + "=" + value : "";
    }

    /**
     * The characters {@code ResponseCookie} refuses in a value (RFC 6265 cookie-octet,
     * quotes around it allowed).
     */
    private static void checkValue(String value) {
        int start = 0;
        int end = value.length();
        if (end > 1 && value.charAt(0) == '"' && value.charAt(end - 1) == '"') {
            start = 1;
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c == '"' || c == ',' || c == ';' || c == '\\' || c >= 0x7f) {
                throw new IllegalArgumentException("RFC2616 cookie value cannot have '" + c + "'");
            }
        }
    }

    /** The {@code Expires} text of one second. */
    private record ExpiresDate(long second, String text) {
    }

}
