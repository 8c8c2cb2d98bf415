package dev.sessionmap.web;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.sessionmap.core.CookieUpdate;

/**
 * The request and response header that carries the session token for API clients instead
 * of the cookie ({@code app.session.header-name}, such as {@code X-Session-Token}). A
 * request that sends the header, even empty (a client without a session yet asking for
 * one), uses only the header: no cookie is read or set. The response carries the header
 * only when the token changes, with an empty value when the client must drop it.
 *
 * <p>
 * Thread-safe.
 */
public final class SessionHeader implements SessionTransport {

    /**
     * Headers that already carry credentials or cookies: a session token there would
     * clash with them.
     */
    private static final Set<String> RESERVED = Set.of("cookie", "set-cookie", "authorization", "proxy-authorization");

    /**
     * The characters of an HTTP token besides letters and digits (RFC 9110, section
     * 5.6.2).
     */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final String name;

    /**
     * @param name the header's name, an HTTP token other than {@code Cookie},
     * {@code Set-Cookie}, {@code Authorization} and {@code Proxy-Authorization}
     * @throws IllegalArgumentException for any other name, naming
     * {@code app.session.header-name}
     */
    public SessionHeader(String name) {
        this.name = check(Objects.requireNonNull(name, "name"));
    }

    /** The header's name. */
    public String name() {
        return this.name;
    }

    /**
     * Whether the request sends the header, so the session travels in it and not in the
     * cookie.
     */
    boolean isSentWith(HttpServletRequest request) {
        return request.getHeader(this.name) != null;
    }

    /**
     * The token in the header, if any: one value, empty for none, ignored past
     * {@value CookieUpdate#MAX_COOKIE_BYTES} characters like a cookie's.
     */
    @Override
    public List<String> readAll(HttpServletRequest request) {
        String value = request.getHeader(this.name);
        if (value == null) {
            return List.of();
        }
        value = value.strip();
        return (value.isEmpty() || value.length() > CookieUpdate.MAX_COOKIE_BYTES) ? List.of() : List.of(value);
    }

    /**
     * None: the end marker of a store that cannot revoke is a cookie, which a header
     * client neither gets nor sends back.
     */
    @Override
    public List<String> readEndMarkers(HttpServletRequest request) {
        return List.of();
    }

    /**
     * Sends the new token, or an empty value when the client must drop its token; nothing
     * otherwise.
     */
    @Override
    public void write(CookieUpdate update, HttpServletRequest request, HttpServletResponse response) {
        switch (update.action()) {
            case NONE -> {
            }
            case CLEAR -> response.setHeader(this.name, "");
            case SET -> response.setHeader(this.name, Objects.requireNonNull(update.value()));
        }
    }

    private static String check(String name) {
        if (name.isEmpty() || !name.chars().allMatch(SessionHeader::isTokenChar)) {
            throw new IllegalArgumentException("app.session.header-name=" + name + " is not an HTTP header name: use"
                    + " letters, digits and " + TOKEN_SYMBOLS + ", as in X-Session-Token");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("app.session.header-name=" + name + " is taken by cookies or"
                    + " credentials; choose a header of its own, such as X-Session-Token");
        }
        return name;
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

}
