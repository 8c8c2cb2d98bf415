package dev.sessionmap.integration;

/** Encryption at rest in the datastore store on H2. */
class H2AtRestDatastoreTests extends AbstractAtRestDatastoreTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

}
