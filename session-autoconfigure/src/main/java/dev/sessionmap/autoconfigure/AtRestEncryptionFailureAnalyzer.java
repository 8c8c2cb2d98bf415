package dev.sessionmap.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that asked for encryption at rest without a secret to derive the
 * key from: which property to set, how to make a secret, and how to go without.
 */
class AtRestEncryptionFailureAnalyzer extends AbstractFailureAnalyzer<AtRestEncryptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AtRestEncryptionException cause) {
        return new FailureAnalysis(cause
            .getMessage() + ". The session data is encrypted with a key derived from it.", "Set " + cause.getProperty()
                    + " to at least 32 random bytes. " + SecureCookieSessionAutoConfiguration.HOW_TO_GENERATE
                    + "\nKeep the previous secret in app.session.previous-secrets while rotating, or sessions"
                    + " sealed with it are lost.\nOr store sessions unencrypted: app.session.encrypt-at-rest=false.",
                cause);
    }

}
