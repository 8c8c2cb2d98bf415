package dev.sessionmap.core;

/**
 * The session is too large for where the store keeps it, such as a browser cookie. Thrown
 * at save time, before anything reaches the response: the visitor keeps the previous
 * session, and the web layer answers 500 because the application put more into the
 * session than its store can hold.
 */
public class SessionTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long size;

    private final long limit;

    /**
     * @param what what would be too large, for the message, for example "the session
     * cookie"
     * @param size its size in bytes
     * @param limit the most it may have
     * @param advice what to do about it
     */
    public SessionTooLargeException(String what, long size, long limit, String advice) {
        super("Session not saved: " + what + " would be " + size + " bytes, over the limit of " + limit + " bytes; "
                + advice);
        this.size = size;
        this.limit = limit;
    }

    /** The size in bytes the session would have had. */
    public long getSize() {
        return this.size;
    }

    /** The most it may have, in bytes. */
    public long getLimit() {
        return this.limit;
    }

}
