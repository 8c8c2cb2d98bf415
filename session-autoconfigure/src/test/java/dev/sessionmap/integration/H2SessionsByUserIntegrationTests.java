package dev.sessionmap.integration;

import java.util.List;

/** Sessions by user on H2, over its TCP server. */
class H2SessionsByUserIntegrationTests extends AbstractSessionsByUserIntegrationTests {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    @Override
    protected String platform() {
        return "h2";
    }

    @Override
    protected List<String> awkwardNames() {
        return List.of("ann\u0000admin", "😀".repeat(200));
    }

}
