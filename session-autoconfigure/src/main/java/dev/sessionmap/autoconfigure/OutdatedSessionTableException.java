package dev.sessionmap.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.sessionmap.store.jdbc.SessionTable;

/**
 * Start-up found a session table created by an earlier sessionmap, without a column this
 * version reads, and may not change the schema itself.
 * {@link OutdatedSessionTableFailureAnalyzer} prints the statements that upgrade it.
 */
public class OutdatedSessionTableException extends IllegalStateException {

    private final SessionTable table;

    private final List<String> missingColumns;

    private final Map<String, List<String>> statements;

    OutdatedSessionTableException(SessionTable table, List<String> missingColumns,
            Map<String, List<String>> statements) {
        super("The session table " + table + " has no " + String.join(" or ", missingColumns)
                + " column (it was created by an earlier sessionmap); upgrade it with "
                + ((statements.size() == 1) ? String.join(" ", statements.values().iterator().next())
                        : "the statements for your database: " + statements)
                + ", or set app.session.datastore.initialize-schema=always");
        this.table = table;
        this.missingColumns = List.copyOf(missingColumns);
        this.statements = Map.copyOf(statements);
    }

    /** The table that lacks the columns. */
    public SessionTable getTable() {
        return this.table;
    }

    /** The columns the table lacks: {@code principal_name}, {@code purge_at} or both. */
    public List<String> getMissingColumns() {
        return this.missingColumns;
    }

    /**
     * The statements that upgrade the table, by database name: for the database in use,
     * or for each supported one when it could not be told.
     */
    public Map<String, List<String>> getStatements() {
        return this.statements;
    }

}
