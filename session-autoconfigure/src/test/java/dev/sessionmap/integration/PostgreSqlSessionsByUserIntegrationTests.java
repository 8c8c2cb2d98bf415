package dev.sessionmap.integration;

import java.util.List;

/** Sessions by user on PostgreSQL. */
class PostgreSqlSessionsByUserIntegrationTests extends AbstractSessionsByUserIntegrationTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }

    @Override
    protected String platform() {
        return "postgresql";
    }

    /**
     * PostgreSQL refuses NUL in text; 200 emoji are 400 UTF-16 units but 200 characters.
     */
    @Override
    protected List<String> awkwardNames() {
        return List.of("ann\u0000admin", "😀".repeat(200));
    }

}
