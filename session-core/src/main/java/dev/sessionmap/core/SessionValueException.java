package dev.sessionmap.core;

/**
 * A value cannot be stored in the session because it cannot be written as JSON, or a
 * stored value cannot be read as the requested type. The message names the key and the
 * type.
 */
public class SessionValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SessionValueException(String message) {
        super(message);
    }

    public SessionValueException(String message, Throwable cause) {
        super(message, cause);
    }

}
