package dev.sessionmap.integration;

import java.sql.Connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The datastore integration suite on H2 (over its TCP server), with the shipped
 * {@code schema-h2.sql}.
 */
class H2DatastoreIntegrationTests extends AbstractDatastoreIntegrationTests {

    private static final String NO_OUTAGE = "H2's client reports a cut connection with SQLState 90121, which Hikari"
            + " does not take for a broken connection, so a busy pool keeps serving it; the outage is proven on"
            + " PostgreSQL and MariaDB";

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    @Override
    protected void lockSessionTable(Connection connection) {
        abort("H2 has no lock that makes reads of other connections wait; the timeout is proven on PostgreSQL and MariaDB");
    }

    @Test
    @Override
    void whileTheDatabaseIsUnreachableOnlyRequestsNeedingTheSessionFailWith503AndThenRecover(CapturedOutput output) {
        abort(NO_OUTAGE);
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    @Override
    void aSaveThatCannotReachTheDatabaseAnswers503AndKeepsNothing(boolean empty, CapturedOutput output) {
        abort(NO_OUTAGE);
    }

}
