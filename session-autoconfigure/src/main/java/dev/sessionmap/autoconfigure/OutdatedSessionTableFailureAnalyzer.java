package dev.sessionmap.autoconfigure;

import java.util.List;
import java.util.Map;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that found a session table from an earlier sessionmap: the
 * {@code ALTER TABLE}, {@code CREATE INDEX} and {@code DROP INDEX} to run on the database
 * in use, with the configured table name, or the setting that lets the application run
 * them itself.
 */
class OutdatedSessionTableFailureAnalyzer extends AbstractFailureAnalyzer<OutdatedSessionTableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OutdatedSessionTableException cause) {
        List<String> missing = cause.getMissingColumns();
        StringBuilder description = new StringBuilder("The session table ").append(cause.getTable())
            .append(" was created by an earlier sessionmap:");
        if (missing.contains(SessionTableUpgrade.PRINCIPAL_COLUMN)) {
            description.append(" it has no ")
                .append(SessionTableUpgrade.PRINCIPAL_COLUMN)
                .append(" column (sessionmap 0.1.0), which lists a user's sessions;");
        }
        description.append(" it has no ")
            .append(SessionTableUpgrade.PURGE_COLUMN)
            .append(" column, which the purge reads so that writes change no indexed column.");
        StringBuilder action = new StringBuilder();
        for (Map.Entry<String, List<String>> database : cause.getStatements().entrySet()) {
            action.append("Run on ").append(database.getKey()).append(":\n\n");
            database.getValue().forEach((sql) -> action.append("    ").append(sql).append('\n'));
            action.append('\n');
        }
        action.append("(adding the columns is quick; the indexes are built from the existing rows), or let the"
                + " application run them at start-up: app.session.datastore.initialize-schema=always.");
        if (missing.contains(SessionTableUpgrade.PRINCIPAL_COLUMN)) {
            action.append("\nSessions logged in under 0.1.0 name no user, so they are listed (and revoked with their"
                    + " user's) only once their user logs in again.");
        }
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

}
