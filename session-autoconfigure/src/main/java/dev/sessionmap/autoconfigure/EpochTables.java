package dev.sessionmap.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.core.io.ClassPathResource;

import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.store.jdbc.JdbcPrincipalEpochs;

/**
 * The start-up check of the epoch table: a missing table fails start-up with the
 * statement that creates it, rather than every logged-in request later.
 */
final class EpochTables {

    private static final Logger logger = LoggerFactory.getLogger(EpochTables.class);

    private EpochTables() {
    }

    static void check(JdbcPrincipalEpochs epochs) {
        boolean readable;
        try {
            readable = epochs.isReadable();
        }
        catch (SessionStoreException ex) {
            logger.warn("Could not check the revocation epoch table {} at start-up: {}", epochs.table(),
                    ex.getMessage());
            return;
        }
        if (!readable) {
            throw new IllegalStateException(missing(epochs));
        }
    }

    static boolean isInMemory(DataSource dataSource) {
        try {
            return EmbeddedDatabaseConnection.isEmbedded(dataSource);
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private static String missing(JdbcPrincipalEpochs epochs) {
        return "app.session.store=secure-cookie keeps users' revocation epochs in the table " + epochs.table()
                + " of the application's DataSource, which has no such table (or it cannot be read). Create it;"
                + " on PostgreSQL or H2:\n" + schema(epochs, "postgresql") + "\non MySQL or MariaDB:\n"
                + schema(epochs, "mysql") + "\nor set app.session.revocation.initialize-schema=always to create it"
                + " at start-up, app.session.revocation.store=redis to keep the epochs in Redis, or"
                + " app.session.revocation.store=none if cookie sessions need not be revoked.";
    }

    private static String schema(JdbcPrincipalEpochs epochs, String platform) {
        String location = JdbcPrincipalEpochs.SCHEMA_LOCATION.replace("classpath:", "")
            .replace("@@platform@@", platform);
        try {
            return epochs.table()
                .resolve(new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8))
                .strip();
        }
        catch (IOException ex) {
            return "(see " + location + " in session-core)";
        }
    }

}
