package dev.sessionmap.metrics;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionmap.core.SessionStore;

/**
 * Logs one warning, at most once per {@link #INTERVAL}, when a store that carries the
 * session in its token (the secure cookie) writes one that fills more than
 * {@value #THRESHOLD_PERCENT}% of what the cookie can hold: past the limit, saving fails
 * and the request ends in an error.
 */
public final class CookieSizeWarning extends SessionStoreInterceptor {

    /** The share of the limit that warns, in percent. */
    public static final int THRESHOLD_PERCENT = 80;

    /** The shortest time between two warnings. */
    public static final Duration INTERVAL = Duration.ofHours(1);

    private static final Logger logger = LoggerFactory.getLogger(CookieSizeWarning.class);

    private final int maxTokenLength;

    private final int threshold;

    private final Clock clock;

    private volatile long quietUntil = Long.MIN_VALUE;

    /**
     * @param maxTokenLength the longest token that fits in the cookie
     */
    public CookieSizeWarning(SessionStore delegate, int maxTokenLength, Clock clock) {
        super(delegate);
        this.maxTokenLength = maxTokenLength;
        this.threshold = (int) ((long) maxTokenLength * THRESHOLD_PERCENT / 100);
        this.clock = clock;
    }

    @Override
    protected @Nullable Object intercept(Method method, @Nullable Object[] args) throws Throwable {
        Object result = proceed(method, args);
        if (result instanceof String token && token.length() > this.threshold
                && ("save".equals(method.getName()) || "rotate".equals(method.getName()))) {
            warn(token.length());
        }
        return result;
    }

    private synchronized void warn(int length) {
        long now = this.clock.millis();
        if (now < this.quietUntil) {
            return;
        }
        this.quietUntil = now + INTERVAL.toMillis();
        logger.warn(
                "A session cookie took {} of the {} characters a cookie can hold ({}%); past the limit saving"
                        + " the session fails. Keep less in the session, or keep sessions on the server"
                        + " (app.session.store=datastore or redis). This warning repeats at most once an hour.",
                length, this.maxTokenLength, length * 100L / this.maxTokenLength);
    }

}
