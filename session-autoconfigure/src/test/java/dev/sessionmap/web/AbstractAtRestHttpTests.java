package dev.sessionmap.web;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.sessionmap.store.cookie.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encryption at rest over real HTTP, through the filter: visitors keep their sessions
 * while the store holds none of their values in plain, and a session whose stored data
 * was moved there from another is no session. Each server-side store has a subclass.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractAtRestHttpTests {

    private static final String SECRET = TestSecrets.random();

    @LocalServerPort
    int port;

    static void encryptAtRest(DynamicPropertyRegistry registry) {
        registry.add("app.session.encrypt-at-rest", () -> "true");
        registry.add("app.session.secret", () -> SECRET);
    }

    /** What the store holds for the session {@code id}, by field. */
    protected abstract Map<String, String> stored(String id);

    /** Overwrites the stored data of the session {@code to} with that of {@code from}. */
    protected abstract void copyData(String from, String to);

    @Test
    void visitorsKeepTheirSessionsAndTheStoreHoldsNoneOfTheirValuesInPlain() {
        Browser browser = new Browser(this.port);
        assertThat(browser.get("/remember?me=true").body()).isEqualTo("ok");
        assertThat(browser.get("/counter").body()).isEqualTo("1");
        assertThat(browser.get("/counter").body()).isEqualTo("2");
        assertThat(browser.get("/keys").body()).contains("member", "count");
        Map<String, String> stored = stored(browser.cookie);
        assertThat(stored).isNotEmpty();
        assertThat(stored.values()).allSatisfy((value) -> assertThat(value).startsWith("~").doesNotContain("ann"));
    }

    @Test
    void aSessionWhoseDataWasMovedFromAnotherIsNoSessionNeverTheOther(CapturedOutput output) {
        Browser ann = new Browser(this.port);
        ann.get("/remember?me=true");
        assertThat(ann.get("/counter").body()).isEqualTo("1");
        Browser bob = new Browser(this.port);
        assertThat(bob.get("/counter").body()).isEqualTo("1");
        assertThat(bob.get("/counter").body()).isEqualTo("2");
        String bobsId = bob.cookie;

        copyData(ann.cookie, bobsId);
        HttpResponse<String> response = bob.get("/keys");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).as("a new, empty session").isEmpty();
        assertThat(bob.get("/counter").body()).isEqualTo("1");
        assertThat(bob.cookie).isNotEqualTo(bobsId);
        assertThat(output).containsOnlyOnce("Stored session data ignored, the session is treated as absent");
        assertThat(ann.get("/counter").body()).isEqualTo("2");
    }

}
