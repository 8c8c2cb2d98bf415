package dev.sessionmap.autoconfigure;

import java.util.List;
import java.util.Map;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that found a session table from sessionmap 0.1.0: the
 * {@code ALTER TABLE} and {@code CREATE INDEX} to run on the database in use, with the
 * configured table name, or the setting that lets the application run them itself.
 */
class OutdatedSessionTableFailureAnalyzer extends AbstractFailureAnalyzer<OutdatedSessionTableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OutdatedSessionTableException cause) {
        String description = "The session table " + cause.getTable() + " was created by sessionmap 0.1.0: it has no "
                + SessionTableUpgrade.COLUMN + " column, which lists a user's sessions.";
        StringBuilder action = new StringBuilder();
        for (Map.Entry<String, List<String>> database : cause.getStatements().entrySet()) {
            action.append("Run on ").append(database.getKey()).append(":\n\n");
            database.getValue().forEach((sql) -> action.append("    ").append(sql).append('\n'));
            action.append('\n');
        }
        action.append("(adding a nullable column is quick; the index is built from the existing rows), or let the"
                + " application run them at start-up: app.session.datastore.initialize-schema=always.\n"
                + "Sessions logged in under 0.1.0 name no user, so they are listed (and revoked with their user's)"
                + " only once their user logs in again.");
        return new FailureAnalysis(description, action.toString(), cause);
    }

}
