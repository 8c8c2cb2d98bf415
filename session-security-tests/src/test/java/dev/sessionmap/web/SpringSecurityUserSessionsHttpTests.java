package dev.sessionmap.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import dev.sessionmap.core.SessionEvent;
import dev.sessionmap.core.SessionIdChangedEvent;
import dev.sessionmap.core.SessionInvalidatedEvent;
import dev.sessionmap.core.UserSession;
import dev.sessionmap.core.UserSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log-in through Spring Security names the user of the session, with no code of the
 * application's: the user's sessions are listed with the browser they logged in with,
 * revoking one logs that browser out, and log-in and log-out are published as events
 * carrying the user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringSecurityUserSessionsHttpTests {

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    private ConfigurableApplicationContext app;

    private UserSessions userSessions;

    @BeforeAll
    void start() {
        this.app = SecuredTestApplication.start(
                Map.of("spring.datasource.url", "jdbc:h2:mem:principals-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        this.app
            .addApplicationListener((ApplicationListener<PayloadApplicationEvent<SessionEvent>>) (event) -> this.events
                .add(event.getPayload()));
        this.userSessions = this.app.getBean(UserSessions.class);
    }

    @AfterAll
    void stop() {
        this.app.close();
    }

    @Test
    void theUserOfASpringSecurityLogInOwnsTheSessionUntilLogOut() {
        Browser laptop = browser("Firefox on a laptop");
        Browser phone = browser("Safari on a phone");
        this.events.clear();

        AbstractSpringSecurityHttpTests.logIn(laptop);
        AbstractSpringSecurityHttpTests.logIn(phone);

        List<UserSession> sessions = this.userSessions.list(SecuredTestApplication.USER);
        assertThat(sessions).extracting(UserSession::userAgent)
            .containsExactlyInAnyOrder("Firefox on a laptop", "Safari on a phone");
        assertThat(this.events).filteredOn(SessionIdChangedEvent.class::isInstance)
            .extracting(SessionEvent::principal)
            .containsExactly(SecuredTestApplication.USER, SecuredTestApplication.USER);

        String phoneId = sessions.stream()
            .filter((session) -> session.userAgent().contains("phone"))
            .findFirst()
            .orElseThrow()
            .id();
        assertThat(this.userSessions.revoke(SecuredTestApplication.USER, phoneId)).isTrue();

        assertThat(phone.get("/account").statusCode()).as("the revoked browser is logged out").isEqualTo(302);
        assertThat(laptop.get("/account").body()).isEqualTo("hello " + SecuredTestApplication.USER);

        String csrf = laptop.get("/form").body();
        assertThat(laptop.post("/logout", Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
        assertThat(this.userSessions.list(SecuredTestApplication.USER)).isEmpty();
        assertThat(this.events).filteredOn(SessionInvalidatedEvent.class::isInstance)
            .extracting(SessionEvent::principal)
            .containsExactly(SecuredTestApplication.USER, SecuredTestApplication.USER);
        assertThat(laptop.cookiesSet).doesNotContain("JSESSIONID");
    }

    private Browser browser(String userAgent) {
        Browser browser = new Browser(AbstractSpringSecurityHttpTests.port(this.app));
        browser.headers.put("User-Agent", userAgent);
        return browser;
    }

}
