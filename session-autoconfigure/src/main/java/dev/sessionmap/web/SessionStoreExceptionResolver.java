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
import dev.sessionmap.core.SessionTooLargeException;

/**
 * Answers 503 Service Unavailable, with one clear log line, when a handler needed the session and the
 * store could not be reached; requests that never touch the session are not affected. A session too
 * large for its store gets 500: the application stored more than the store can hold, and the
 * visitor keeps the session as it was.
 */
public class SessionStoreExceptionResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger logger = LoggerFactory.getLogger(SessionStoreExceptionResolver.class);

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception ex) {
        SessionTooLargeException tooLarge = find(ex, SessionTooLargeException.class);
        if (tooLarge != null) {
            logger.error("Session too large to save for {} {}, answering 500: {}", request.getMethod(),
                    request.getRequestURI(), tooLarge.getMessage());
            sendError(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            return new ModelAndView();
        }
        SessionStoreException failure = find(ex, SessionStoreException.class);
        if (failure == null) {
            return null;
        }
        logger.error("Session store unavailable for {} {}, answering 503: {}", request.getMethod(),
                request.getRequestURI(), failure.getMessage());
        logger.debug("Session store failure", failure);
        sendError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return new ModelAndView();
    }

    private static void sendError(HttpServletResponse response, int status) {
        try {
            if (!response.isCommitted()) {
                response.sendError(status);
            }
        }
        catch (java.io.IOException io) {
            logger.debug("Could not send " + status, io);
        }
    }

    private static <E extends Throwable> @Nullable E find(Throwable ex, Class<E> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
