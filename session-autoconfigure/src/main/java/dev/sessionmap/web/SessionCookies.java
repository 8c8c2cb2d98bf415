package dev.sessionmap.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.EndMarker;

/**
 * Reads the session tokens from the request's cookies and writes the {@code Set-Cookie}
 * headers that a {@link CookieUpdate} asks for: the session cookie and, after a log-out
 * on a store that cannot revoke sessions, the end marker {@code <name>_ended}.
 */
public class SessionCookies implements SessionTransport {

    /**
     * The most values of the session cookie one request may offer: cookies of the same
     * name set by a sibling subdomain or on a longer path come along with ours, and each
     * one costs a store lookup.
     */
    public static final int MAX_CANDIDATES = 8;

    /** The suffix of the end marker's cookie, {@code <name>_ended}. */
    static final String END_MARKER = "ended";

    /**
     * A {@code Max-Age} with more digits than any session lifetime, for
     * {@link #overhead()}.
     */
    private static final Duration LONGEST_MAX_AGE = Duration.ofSeconds(99_999_999_999L);

    private final CookieSettings settings;

    private final SetCookieHeader setHeader;

    private final Clock clock;

    /**
     * The writers of the companion cookies, by suffix: the same attributes, another name.
     */
    private final Map<String, SetCookieHeader> companions = new ConcurrentHashMap<>();

    /** The names of the companion cookies, by suffix, made once. */
    private final Map<String, String> companionNames = new ConcurrentHashMap<>();

    public SessionCookies(CookieSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /**
     * @param clock the application's clock, which the {@code Expires} attribute is
     * computed from, so it agrees with the server-side expiry (and tests that move time
     * see it move)
     */
    public SessionCookies(CookieSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.setHeader = new SetCookieHeader(settings, clock);
        this.clock = clock;
    }

    /** The cookie's name. */
    public String name() {
        return this.settings.name();
    }

    /**
     * The most bytes a {@code Set-Cookie} header written here takes besides the value:
     * the name, {@code =} and the longest attributes these settings produce (with
     * {@code Secure}, a {@code Max-Age} and {@code Expires}).
     */
    public int overhead() {
        // Any session may choose a cookie that outlives the browser, whatever the
        // default.
        Duration longest = (this.settings.maxAge() != null) ? this.settings.maxAge() : LONGEST_MAX_AGE;
        return this.setHeader.format("", longest, true).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The first token the visitor presented, or {@code null} when there is none worth
     * looking up.
     */
    public @Nullable String read(HttpServletRequest request) {
        List<String> tokens = readAll(request);
        return tokens.isEmpty() ? null : tokens.get(0);
    }

    /**
     * Every token the visitor presented, in the order the browser sent them. A request
     * can carry several cookies of the session's name: one planted from a sibling
     * subdomain or on a longer path comes along with the visitor's own, and the browser
     * sends the longer path first. Empty values and values over
     * {@value CookieUpdate#MAX_COOKIE_BYTES} characters are skipped, and at most
     * {@value #MAX_CANDIDATES} are returned.
     */
    @Override
    public List<String> readAll(HttpServletRequest request) {
        return CookieHeaders.values(request, this.settings.name(), CookieUpdate.MAX_COOKIE_BYTES, MAX_CANDIDATES);
    }

    /** Adds the {@code Set-Cookie} header the update asks for, if any. */
    @Override
    public void write(CookieUpdate update, HttpServletRequest request, HttpServletResponse response) {
        String header = switch (update.action()) {
            case NONE -> null;
            case CLEAR -> this.setHeader.format("", Duration.ZERO, isSecure(request));
            case SET ->
                this.setHeader.format(Objects.requireNonNull(update.value()), maxAge(update), isSecure(request));
        };
        if (header != null) {
            response.addHeader(HttpHeaders.SET_COOKIE, header);
        }
        EndMarker marker = update.endMarker();
        if (marker != null) {
            writeCompanion(END_MARKER, marker.value(), marker.maxAge(), request, response);
        }
    }

    /**
     * The {@linkplain EndMarker#value() end markers} the request carries, in the order
     * sent.
     */
    @Override
    public List<String> readEndMarkers(HttpServletRequest request) {
        return companionValues(request, END_MARKER);
    }

    private @Nullable Duration maxAge(CookieUpdate update) {
        if (update.browserSession()) {
            return null;
        }
        return (this.settings.maxAge() != null) ? this.settings.maxAge() : update.maxAge();
    }

    /**
     * Whether the request carries the small companion cookie {@code <name>_<suffix>},
     * which says something about the session without loading it (the flash map manager's
     * "a flash is pending").
     */
    public boolean hasCompanion(HttpServletRequest request, String suffix) {
        return !companionValues(request, suffix).isEmpty();
    }

    /**
     * The non-empty values of the companion cookie {@code <name>_<suffix>}, at most
     * {@value #MAX_CANDIDATES}.
     */
    private List<String> companionValues(HttpServletRequest request, String suffix) {
        return CookieHeaders.values(request, companionName(suffix), CookieUpdate.MAX_COOKIE_BYTES, MAX_CANDIDATES);
    }

    /**
     * Sets the companion cookie {@code <name>_<suffix>} for {@code maxAge}, or clears it
     * when {@code maxAge} is zero, with the session cookie's attributes.
     */
    public void writeCompanion(String suffix, Duration maxAge, HttpServletRequest request,
            HttpServletResponse response) {
        writeCompanion(suffix, "1", maxAge, request, response);
    }

    private void writeCompanion(String suffix, String value, Duration maxAge, HttpServletRequest request,
            HttpServletResponse response) {
        boolean clear = maxAge.isZero() || maxAge.isNegative();
        SetCookieHeader companion = this.companions.computeIfAbsent(suffix, (key) -> {
            CookieSettings settings = this.settings;
            return new SetCookieHeader(new CookieSettings(companionName(key), settings.domain(), settings.path(),
                    settings.secure(), settings.httpOnly(), settings.sameSite(), settings.maxAge()), this.clock);
        });
        response.addHeader(HttpHeaders.SET_COOKIE,
                companion.format(clear ? "" : value, clear ? Duration.ZERO : maxAge, isSecure(request)));
    }

    private String companionName(String suffix) {
        String name = this.companionNames.get(suffix);
        if (name == null) {
            name = this.settings.name() + "_" + suffix;
            this.companionNames.putIfAbsent(suffix, name);
        }
        return name;
    }

    /** {@code SameSite=None} forces {@code Secure}: browsers refuse it otherwise. */
    private boolean isSecure(HttpServletRequest request) {
        return "None".equalsIgnoreCase(this.settings.sameSite()) || this.settings.secure().appliesTo(request);
    }

}
