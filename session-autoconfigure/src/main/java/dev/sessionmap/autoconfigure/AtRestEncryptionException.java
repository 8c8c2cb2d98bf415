package dev.sessionmap.autoconfigure;

/**
 * {@code app.session.encrypt-at-rest=true} without a usable {@code app.session.secret}:
 * missing, or too weak. {@link AtRestEncryptionFailureAnalyzer} says what to set.
 */
public class AtRestEncryptionException extends IllegalStateException {

    private final String property;

    AtRestEncryptionException(String property, String problem) {
        super("app.session.encrypt-at-rest=true needs " + property + ": " + problem);
        this.property = property;
    }

    /** The property to set or change. */
    public String getProperty() {
        return this.property;
    }

}
