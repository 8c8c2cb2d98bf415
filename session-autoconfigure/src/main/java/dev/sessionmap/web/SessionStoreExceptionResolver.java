package dev.sessionmap.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a session failure raised in a handler by {@link SessionFailures}' policy: 503
 * when the store could not be reached, 500 when the session is too large for its store;
 * requests that never touch the session are not affected.
 */
public class SessionStoreExceptionResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception ex) {
        return SessionFailures.answer(ex, request, response) ? new ModelAndView() : null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
