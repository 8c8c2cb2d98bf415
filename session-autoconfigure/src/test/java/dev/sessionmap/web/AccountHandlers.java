package dev.sessionmap.web;

import java.util.Objects;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.UserSessions;

/**
 * An application's account pages without Spring Security: log-in names the session's user
 * through {@link SessionMap#setPrincipalName}, and the user can log out everywhere, or
 * everywhere else.
 */
@RestController
@TestComponent
class AccountHandlers {

    private final UserSessions userSessions;

    AccountHandlers(UserSessions userSessions) {
        this.userSessions = userSessions;
    }

    @GetMapping("/account/login")
    String login(SessionMap session, @RequestParam String name) {
        session.rotateId();
        session.setPrincipalName(name);
        return name;
    }

    /** Who the session belongs to, or "anonymous". */
    @GetMapping("/account/me")
    String me(SessionMap session) {
        String name = session.getPrincipalName();
        return (name != null) ? name : "anonymous";
    }

    @GetMapping("/account/revoke-others")
    String revokeOthers(SessionMap session) {
        this.userSessions.revokeOthers(Objects.requireNonNull(session.getPrincipalName()));
        return "revoked others";
    }

    @GetMapping("/account/revoke-all")
    String revokeAll(SessionMap session) {
        this.userSessions.revokeAll(Objects.requireNonNull(session.getPrincipalName()));
        return "revoked all";
    }

}
