package dev.sessionmap.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.sessionmap.store.jdbc.SessionTable;

/**
 * Start-up found a session table created by sessionmap 0.1.0, without the column that
 * lists a user's sessions, and may not change the schema itself.
 * {@link OutdatedSessionTableFailureAnalyzer} prints the statements that upgrade it.
 */
public class OutdatedSessionTableException extends IllegalStateException {

    private final SessionTable table;

    private final Map<String, List<String>> statements;

    OutdatedSessionTableException(SessionTable table, Map<String, List<String>> statements) {
        super("The session table " + table + " has no " + SessionTableUpgrade.COLUMN
                + " column (it was created by sessionmap 0.1.0); add it with "
                + ((statements.size() == 1) ? String.join(" ", statements.values().iterator().next())
                        : "the statements for your database: " + statements)
                + ", or set app.session.datastore.initialize-schema=always");
        this.table = table;
        this.statements = Map.copyOf(statements);
    }

    /** The table that lacks the column. */
    public SessionTable getTable() {
        return this.table;
    }

    /**
     * The statements that add the column and its index, by database name: for the
     * database in use, or for each supported one when it could not be told.
     */
    public Map<String, List<String>> getStatements() {
        return this.statements;
    }

}
