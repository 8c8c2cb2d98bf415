package dev.sessionmap.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionmap.autoconfigure.SessionRevocationProperties.RevocationStore;

/**
 * Stands where the epochs of secure-cookie revocation would be when there is nowhere to
 * keep them: says so once at start-up (a warning, since a stolen cookie then stays valid
 * until it expires), or fails start-up when {@code app.session.revocation.store} asked
 * for a place the application does not have.
 */
final class UnrevocableCookieSessions {

    private static final Logger logger = LoggerFactory.getLogger(UnrevocableCookieSessions.class);

    static final String WARNING = "Secure-cookie sessions cannot be revoked: there is neither a DataSource nor a"
            + " RedisConnectionFactory to keep users' revocation epochs in, so UserSessions.revokeAll/revokeOthers"
            + " are unavailable and a copied cookie stays valid until it expires. To enable revocation, add a"
            + " database (spring-boot-starter-jdbc and spring.datasource.*) or Redis"
            + " (spring-boot-starter-data-redis and spring.data.redis.*); to silence this, set"
            + " app.session.revocation.store=none.";

    UnrevocableCookieSessions(RevocationStore store) {
        switch (store) {
            case AUTO -> logger.warn(WARNING);
            case DATASTORE -> throw new IllegalStateException("app.session.revocation.store=datastore needs a"
                    + " DataSource bean (spring-boot-starter-jdbc and spring.datasource.*); there is none. Set"
                    + " app.session.revocation.store=redis or none, or auto to use whichever is there.");
            case REDIS -> throw new IllegalStateException("app.session.revocation.store=redis needs exactly one"
                    + " RedisConnectionFactory bean (spring-boot-starter-data-redis and spring.data.redis.*); there"
                    + " is none, or several and none is @Primary. Set app.session.revocation.store=datastore or"
                    + " none, or auto to use whichever is there.");
            case NONE -> logger.debug("Secure-cookie sessions cannot be revoked: app.session.revocation.store=none");
        }
    }

}
