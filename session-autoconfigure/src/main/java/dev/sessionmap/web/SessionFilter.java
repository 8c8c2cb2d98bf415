package dev.sessionmap.web;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionClient;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionHooks;
import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionSettings;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionTooLargeException;

/**
 * Runs a session around each request: reads the tokens from the cookies (or, for an API
 * client that sends the {@linkplain SessionHeader session header}, from that header),
 * makes a lazily loaded {@link SessionLifecycle} available to handlers, and, just before
 * the response commits, saves what changed and writes the cookie or header. A request
 * ending in a server error keeps no changes.
 */
public class SessionFilter extends OncePerRequestFilter {

    private static final String LIFECYCLE_ATTRIBUTE = SessionFilter.class.getName() + ".lifecycle";

    /**
     * Set, only on requests whose session travels in the header, to that
     * {@link SessionHeader}.
     */
    private static final String HEADER_ATTRIBUTE = SessionFilter.class.getName() + ".header";

    private final SessionStore store;

    private final SessionCodec codec;

    private final SessionSettings settings;

    private final Clock clock;

    private final SessionCookies cookies;

    private final @Nullable SessionHeader header;

    /**
     * How servlet session attributes are written, or {@code null} to leave the servlet
     * session to the container.
     */
    private final @Nullable AttributeTypes httpSession;

    /**
     * What a response built from the session varies on: in cookie mode, and in header
     * mode.
     */
    private final String[] cookieVary;

    private final String[] headerVary;

    private SessionHooks hooks = SessionHooks.NONE;

    public SessionFilter(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            SessionCookies cookies) {
        this(store, codec, settings, clock, cookies, null);
    }

    /**
     * @param header the header API clients send the session token in instead of the
     * cookie, or {@code null} for cookies only
     */
    public SessionFilter(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            SessionCookies cookies, @Nullable SessionHeader header) {
        this(store, codec, settings, clock, cookies, header, null);
    }

    /**
     * @param header the header API clients send the session token in instead of the
     * cookie, or {@code null} for cookies only
     * @param httpSession how servlet session attributes are stored when the request's
     * {@code HttpSession} is to be the visitor's session, or {@code null} to leave the
     * servlet session to the container
     */
    public SessionFilter(SessionStore store, SessionCodec codec, SessionSettings settings, Clock clock,
            SessionCookies cookies, @Nullable SessionHeader header, @Nullable AttributeTypes httpSession) {
        this.httpSession = httpSession;
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
        this.header = header;
        // With a header configured, a cookie-mode response also depends on that header
        // being absent.
        this.cookieVary = (header != null) ? new String[] { HttpHeaders.COOKIE, header.name() }
                : new String[] { HttpHeaders.COOKIE };
        this.headerVary = (header != null) ? new String[] { header.name() } : new String[0];
    }

    /**
     * Who hears of sessions created, ended and refused, and where users' revocation
     * epochs are; none by default.
     */
    public void setHooks(SessionHooks hooks) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    /**
     * The session life of the request the calling thread serves, or {@code null} outside
     * of a request this filter ran for.
     */
    public static @Nullable SessionLifecycle currentLifecycle() {
        return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                ? lifecycle(attributes.getRequest()) : null;
    }

    /**
     * The session life of the current request, or {@code null} when this filter did not
     * run for it.
     */
    public static @Nullable SessionLifecycle lifecycle(ServletRequest request) {
        return (SessionLifecycle) request.getAttribute(LIFECYCLE_ATTRIBUTE);
    }

    /**
     * Whether the current request's session travels in the session header, so no cookie
     * may be read or set.
     */
    static boolean usesHeader(ServletRequest request) {
        return request.getAttribute(HEADER_ATTRIBUTE) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SessionHeader header = this.header;
        SessionTransport chosen = (header != null && header.isSentWith(request)) ? header : this.cookies;
        boolean viaHeader = chosen == header;
        if (viaHeader) {
            request.setAttribute(HEADER_ATTRIBUTE, header);
        }
        String[] vary = viaHeader ? this.headerVary : this.cookieVary;
        // The tokens are read when the handler first uses the session: a request that
        // never does pays nothing for them. Read once, for the lifecycle and the servlet
        // session both.
        PresentedTokens tokens = new PresentedTokens(chosen, request);
        SessionLifecycle lifecycle = new SessionLifecycle(this.store, this.codec, this.settings, this.clock, tokens,
                () -> chosen.readEndMarkers(request), client(request), this.hooks);
        request.setAttribute(LIFECYCLE_ATTRIBUTE, lifecycle);
        HttpServletRequest served = withSession(request, lifecycle, tokens, viaHeader);
        CommitGuardedResponse guarded = new CommitGuardedResponse(response,
                (status) -> finish(lifecycle, chosen, vary, status, request, response));
        boolean completed = false;
        try {
            chain.doFilter(served, guarded);
            completed = true;
        }
        catch (ServletException | RuntimeException ex) {
            // A view or redirect that saved the session while rendering is past the
            // exception resolvers.
            if (response.isCommitted() || !SessionFailures.answer(ex, request, response)) {
                throw ex;
            }
        }
        finally {
            if (!completed) {
                guarded.skip();
                // The handler failed: nothing more is saved, but what an explicit save()
                // wrote needs its cookie.
                if (!response.isCommitted()) {
                    chosen.write(lifecycle.finish(true), request, response);
                }
            }
            else if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new FinishOnComplete(guarded, request));
            }
            else {
                finishAtEnd(guarded, request, response);
            }
        }
    }

    /**
     * The request with the visitor's session as its servlet session, when that is
     * configured.
     */
    private HttpServletRequest withSession(HttpServletRequest request, SessionLifecycle lifecycle,
            PresentedTokens tokens, boolean viaHeader) {
        AttributeTypes types = this.httpSession;
        if (types == null) {
            return request;
        }
        return new SessionRequest(request, lifecycle, types, tokens, viaHeader);
    }

    /**
     * An error page the container renders after the request sees the same servlet
     * session, read-only in effect: the session was saved when the error was sent.
     * Without this, an error page asking for a session (Spring Security saving the
     * request on a 401, say) would make the container create one of its own.
     */
    @Override
    protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        SessionLifecycle lifecycle = lifecycle(request);
        if (lifecycle == null || request instanceof SessionRequest) {
            chain.doFilter(request, response);
            return;
        }
        boolean viaHeader = usesHeader(request);
        SessionTransport transport = viaHeader ? Objects.requireNonNull(this.header, "header") : this.cookies;
        chain.doFilter(withSession(request, lifecycle, new PresentedTokens(transport, request), viaHeader), response);
    }

    /**
     * The user agent always: a log-in records it, for a list of the user's sessions; the
     * address only when sessions are bound to it (behind a proxy, right once forwarded
     * headers are configured).
     */
    private SessionClient client(HttpServletRequest request) {
        return new SessionClient(request.getHeader(HttpHeaders.USER_AGENT),
                this.settings.bindToAddress() ? request.getRemoteAddr() : null);
    }

    private static void finishAtEnd(CommitGuardedResponse guarded, HttpServletRequest request,
            HttpServletResponse response) {
        try {
            guarded.beforeCommit();
        }
        catch (SessionStoreException | SessionTooLargeException ex) {
            SessionFailures.answer(ex, request, response);
        }
    }

    private static void finish(SessionLifecycle lifecycle, SessionTransport transport, String[] vary, int status,
            HttpServletRequest request, HttpServletResponse response) {
        if (lifecycle.isUsed()) {
            PerVisitorResponse.mark(response, vary);
        }
        CookieUpdate update = lifecycle.finish(status >= 500);
        transport.write(update, request, response);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    /** Finishes an async request's session if nothing was written before it completed. */
    private static final class FinishOnComplete implements AsyncListener {

        private final CommitGuardedResponse response;

        private final HttpServletRequest request;

        FinishOnComplete(CommitGuardedResponse response, HttpServletRequest request) {
            this.response = response;
            this.request = request;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            finishAtEnd(this.response, this.request, this.response);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            this.response.skip();
        }

        @Override
        public void onError(AsyncEvent event) {
            this.response.skip();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

    }

}
