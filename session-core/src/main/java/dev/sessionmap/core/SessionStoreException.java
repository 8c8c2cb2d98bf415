package dev.sessionmap.core;

/**
 * The store could not be reached or did not answer in time. The web layer answers 503 for
 * a request that needed the session and logs the cause.
 */
public class SessionStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public SessionStoreException(String message) {
        super(message);
    }

}
