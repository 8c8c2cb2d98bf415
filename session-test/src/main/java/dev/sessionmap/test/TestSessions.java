package dev.sessionmap.test;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStore;

/**
 * Seeds and reads visitors' sessions in the application's own store, as its requests
 * would, for {@code @SpringBootTest} tests over real HTTP (and, through
 * {@link SessionMapRequests}, MockMvc):
 *
 * <pre>{@code
 * TestSessions sessions = TestSessions.of(context);
 * String token = sessions.create(Map.of("cart", List.of("apple")));
 * // send it as the cookie sessions.cookieName() ... then:
 * Map<String, Object> after = sessions.read(token);
 * }</pre>
 *
 * Values go through the application's codec, so they come back as a request would see
 * them: JSON types.
 */
public final class TestSessions {

    private static final String COOKIE_NAME_PROPERTY = "app.session.cookie.name";

    private final SessionStore store;

    private final SessionCodec codec;

    private final SessionSettings settings;

    private final Clock clock;

    private final String cookieName;

    private TestSessions(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            String cookieName) {
        this.store = store;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.cookieName = cookieName;
    }

    /**
     * The sessions of the application whose context this is: its store, codec, settings,
     * clock and cookie name.
     */
    public static TestSessions of(ApplicationContext context) {
        Objects.requireNonNull(context, "context");
        return new TestSessions(context.getBean(SessionStore.class), context.getBean(SessionCodec.class),
                context.getBean(SessionSettings.class),
                context.getBeanProvider(Clock.class).getIfUnique(Clock::systemUTC),
                context.getEnvironment().getProperty(COOKIE_NAME_PROPERTY, "sessionid"));
    }

    /** The name of the session cookie, to send a token as a browser would. */
    public String cookieName() {
        return this.cookieName;
    }

    /**
     * Saves a new session holding {@code values}, as a request that put them would, and
     * returns its token: the session cookie's value (for the secure-cookie store, the
     * sealed session itself).
     */
    public String create(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An empty session is never saved; give it at least one value");
        }
        SessionLifecycle lifecycle = lifecycle(null);
        lifecycle.map().putAll(values);
        CookieUpdate update = lifecycle.finish(false);
        return Objects.requireNonNull(update.value(), "the store saved no session");
    }

    /**
     * The values of the live session {@code token} names, as the next request would see
     * them; empty when none.
     */
    public Map<String, Object> read(@Nullable String token) {
        if (token == null || token.isEmpty()) {
            return Map.of();
        }
        // Never finished, so reading writes nothing, not even a last-access refresh.
        SessionMap session = lifecycle(token).map();
        return session.isNew() ? Map.of() : new LinkedHashMap<>(session);
    }

    private SessionLifecycle lifecycle(@Nullable String token) {
        return new SessionLifecycle(this.store, this.codec, this.settings, this.clock, token);
    }

}
