package dev.sessionmap.integration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The datastore integration suite on MariaDB, with the shipped {@code schema-mysql.sql}.
 */
class MariaDbDatastoreIntegrationTests extends AbstractDatastoreIntegrationTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariadb();
    }

    @Override
    protected void lockSessionTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLES sessionmap_session WRITE");
        }
    }

}
