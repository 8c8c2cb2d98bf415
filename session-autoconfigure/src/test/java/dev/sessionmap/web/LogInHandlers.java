package dev.sessionmap.web;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;

/**
 * Log-in and log-out as an application without Spring Security writes them on the
 * {@link SessionMap}: a new id at log-in, the whole session ended at log-out. Imported by
 * the test applications that need them.
 */
@RestController
@TestComponent
public class LogInHandlers {

    @GetMapping("/login")
    String login(SessionMap session) {
        session.rotateId();
        session.put("member", "ann");
        return "welcome";
    }

    @GetMapping("/logout")
    String logout(SessionMap session) {
        session.invalidate();
        return "bye";
    }

}
