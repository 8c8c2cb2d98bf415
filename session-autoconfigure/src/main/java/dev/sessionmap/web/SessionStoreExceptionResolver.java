package dev.sessionmap.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import dev.sessionmap.core.SessionStoreException;

/**
 * Answers 503 Service Unavailable, with one clear log line, when a handler needed the session and the
 * store could not be reached; requests that never touch the session are not affected.
 */
public class SessionStoreExceptionResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger logger = LoggerFactory.getLogger(SessionStoreExceptionResolver.class);

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception ex) {
        SessionStoreException failure = find(ex);
        if (failure == null) {
            return null;
        }
        logger.error("Session store unavailable for {} {}, answering 503: {}", request.getMethod(),
                request.getRequestURI(), failure.getMessage());
        logger.debug("Session store failure", failure);
        try {
            if (!response.isCommitted()) {
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
        }
        catch (java.io.IOException io) {
            logger.debug("Could not send 503", io);
        }
        return new ModelAndView();
    }

    private static @Nullable SessionStoreException find(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SessionStoreException failure) {
                return failure;
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
