package dev.sessionmap.web;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sessionmap.core.PrincipalEpochs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log out everywhere on the secure-cookie store, over real HTTP: the server keeps no
 * sessions, so revocation advances the user's epoch, and cookies sealed with an earlier
 * one stop loading. Each store of the epochs has a subclass with its set-up.
 */
abstract class AbstractCookieRevocationHttpTests {

    @LocalServerPort
    private int port;

    @Autowired
    private PrincipalEpochs epochs;

    private String user;

    private Browser laptop;

    private Browser phone;

    @BeforeEach
    void twoBrowsersOfOneUser() {
        this.user = "ann-" + UUID.randomUUID();
        this.laptop = logIn(this.user);
        this.phone = logIn(this.user);
    }

    private Browser logIn(String user) {
        Browser browser = new Browser(this.port);
        browser.get("/counter");
        assertThat(browser.get("/account/login?name=" + user).body()).isEqualTo(user);
        assertThat(browser.get("/account/me").body()).isEqualTo(user);
        return browser;
    }

    @Test
    void revokeOthersLogsOutTheOtherBrowserAndKeepsTheCallerLoggedIn() {
        assertThat(this.laptop.get("/account/revoke-others").statusCode()).isEqualTo(200);
        assertThat(this.phone.get("/account/me").body()).isEqualTo("anonymous");
        assertThat(this.phone.cookie).as("the refused cookie is cleared").isNull();
        assertThat(this.phone.get("/read").body()).as("with nothing of the old session").isEqualTo("0");
        assertThat(this.laptop.get("/account/me").body()).isEqualTo(this.user);
        assertThat(this.laptop.get("/counter").body()).as("the caller keeps its session's data").isEqualTo("2");
        assertThat(this.laptop.get("/account/me").body()).isEqualTo(this.user);
    }

    @Test
    void revokeAllLogsOutEveryBrowserOfTheUser() {
        assertThat(this.laptop.get("/account/revoke-all").statusCode()).isEqualTo(200);
        assertThat(this.laptop.get("/account/me").body()).isEqualTo("anonymous");
        assertThat(this.phone.get("/account/me").body()).isEqualTo("anonymous");
        assertThat(this.phone.get("/read").body()).isEqualTo("0");
    }

    @Test
    void aCookieCapturedBeforeRevocationIsRefusedWhenReplayedAfter() {
        String capturedFromPhone = this.phone.cookie;
        String capturedFromLaptop = this.laptop.cookie;
        this.laptop.get("/account/revoke-others");
        assertThat(this.laptop.get("/account/me").body()).isEqualTo(this.user);
        for (String captured : new String[] { capturedFromPhone, capturedFromLaptop }) {
            Browser thief = new Browser(this.port);
            thief.cookie = captured;
            assertThat(thief.get("/account/me").body()).isEqualTo("anonymous");
            assertThat(thief.get("/read").body()).isEqualTo("0");
        }
    }

    @Test
    void aLogInAfterRevocationStaysLoggedIn() {
        this.laptop.get("/account/revoke-all");
        Browser again = logIn(this.user);
        assertThat(again.get("/counter").body()).isEqualTo("2");
        assertThat(again.get("/account/me").body()).isEqualTo(this.user);
        assertThat(this.phone.get("/account/me").body()).isEqualTo("anonymous");
    }

    @Test
    void otherUsersAreNotAffected() {
        Browser bob = logIn("bob-" + UUID.randomUUID());
        this.laptop.get("/account/revoke-all");
        assertThat(bob.get("/account/me").body()).startsWith("bob-");
        assertThat(bob.get("/read").body()).isEqualTo("1");
    }

    @Test
    void aRevocationThroughTheEpochsAloneReachesTheCookiesAtOnceOnThisNode() {
        this.epochs.advance(this.user);
        assertThat(this.laptop.get("/account/me").body()).isEqualTo("anonymous");
        assertThat(this.phone.get("/account/me").body()).isEqualTo("anonymous");
    }

}
