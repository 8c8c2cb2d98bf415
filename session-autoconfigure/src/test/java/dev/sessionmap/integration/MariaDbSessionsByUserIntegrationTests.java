package dev.sessionmap.integration;

import java.util.List;

/** Sessions by user on MariaDB (the MySQL schema file). */
class MariaDbSessionsByUserIntegrationTests extends AbstractSessionsByUserIntegrationTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariadb();
    }

    @Override
    protected String platform() {
        return "mysql";
    }

    /**
     * A default MariaDB collation would take "Ann", "ann " and "ÄNN" for "ann"; emoji
     * need utf8mb4.
     */
    @Override
    protected List<String> awkwardNames() {
        return List.of("ann\u0000admin", "😀".repeat(200));
    }

}
