package dev.sessionmap.integration;

/** Encryption at rest in the datastore store on PostgreSQL. */
class PostgreSqlAtRestDatastoreTests extends AbstractAtRestDatastoreTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }

}
