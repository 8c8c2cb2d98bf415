package dev.sessionmap.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionTooLargeException;

/**
 * The one policy that turns a session failure into a response, wherever it surfaces (in a
 * handler, while a view renders, when the response commits): the store unavailable is 503
 * Service Unavailable, a session too large for its store is 500 (retrying does not help),
 * each with one error line naming the request and nothing else of the response, so no
 * cookie is set and the visitor keeps the session as it was.
 */
final class SessionFailures {

    private static final Logger logger = LoggerFactory.getLogger(SessionFailures.class);

    /**
     * Which settings help, said here rather than by the store, which knows nothing of
     * Boot's properties.
     */
    private static final String TOO_LARGE_ADVICE = " (app.session.store=datastore or redis keeps sessions on the server)";

    private SessionFailures() {
    }

    /**
     * The session failure behind {@code ex}, among its causes, or {@code null} when there
     * is none.
     */
    static @Nullable RuntimeException find(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SessionStoreException || cause instanceof SessionTooLargeException) {
                return (RuntimeException) cause;
            }
        }
        return null;
    }

    /**
     * Answers the session failure behind {@code ex} with its status, unless the response
     * is committed, and logs it once; {@code false}, doing nothing, when {@code ex} is no
     * session failure.
     */
    static boolean answer(Throwable ex, HttpServletRequest request, HttpServletResponse response) {
        RuntimeException failure = find(ex);
        if (failure == null) {
            return false;
        }
        boolean tooLarge = failure instanceof SessionTooLargeException;
        int status = tooLarge ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR
                : HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        boolean committed = response.isCommitted();
        // One line: an outage would otherwise print a stack trace per request.
        logger.error("{} for {} {}, {}: {}{}", tooLarge ? "Session too large to save" : "Session store unavailable",
                request.getMethod(), request.getRequestURI(),
                committed ? "too late to answer " + status + ", the response was committed" : "answering " + status,
                failure.getMessage(), tooLarge ? TOO_LARGE_ADVICE : "");
        logger.debug("Session failure", failure);
        if (!committed) {
            try {
                response.reset();
                response.sendError(status);
            }
            catch (IOException | IllegalStateException io) {
                logger.debug("Could not send {}", status, io);
            }
        }
        return true;
    }

}
