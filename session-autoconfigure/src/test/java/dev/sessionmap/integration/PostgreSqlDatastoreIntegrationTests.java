package dev.sessionmap.integration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The datastore integration suite on PostgreSQL, with the shipped
 * {@code schema-postgresql.sql}.
 */
class PostgreSqlDatastoreIntegrationTests extends AbstractDatastoreIntegrationTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }

    @Override
    protected void lockSessionTable(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE sessionmap_session IN ACCESS EXCLUSIVE MODE");
        }
    }

}
