package dev.sessionmap.benchmarks.apps.ours;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;

/**
 * The endpoints on a {@link SessionMap}, as in the sample app. {@code /counter} is get +
 * put (the last write wins); {@code /hits} is a {@code merge}, which a server store must
 * re-apply when a concurrent request changed the key, so it is the case that measures a
 * store's concurrency control.
 */
@RestController
class CounterController {

    @GetMapping(path = "/counter", produces = MediaType.TEXT_PLAIN_VALUE)
    String counter(SessionMap session) {
        int count = session.get("count", 0) + 1;
        session.put("count", count);
        return Integer.toString(count);
    }

    @GetMapping(path = "/hits", produces = MediaType.TEXT_PLAIN_VALUE)
    String hits(SessionMap session) {
        return String.valueOf(session.merge("hits", 1, (a, b) -> (Integer) a + (Integer) b));
    }

    @GetMapping(path = "/read", produces = MediaType.TEXT_PLAIN_VALUE)
    String read(SessionMap session) {
        return Integer.toString(session.get("count", 0));
    }

    /** A log-in as an application without Spring Security names its user. */
    @GetMapping(path = "/sign-in", produces = MediaType.TEXT_PLAIN_VALUE)
    String signIn(SessionMap session, @RequestParam String user) {
        session.setPrincipalName(user);
        return "welcome";
    }

    @GetMapping(path = "/noop", produces = MediaType.TEXT_PLAIN_VALUE)
    String noop() {
        return "ok";
    }

}
