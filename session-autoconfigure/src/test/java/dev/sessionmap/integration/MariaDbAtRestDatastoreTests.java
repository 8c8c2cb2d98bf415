package dev.sessionmap.integration;

/** Encryption at rest in the datastore store on MariaDB. */
class MariaDbAtRestDatastoreTests extends AbstractAtRestDatastoreTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariadb();
    }

}
