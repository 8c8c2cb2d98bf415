package dev.sessionmap.benchmarks.apps;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints on the servlet {@link HttpSession}, as the peers' users write them. The
 * servlet API has no {@code merge}: {@code /hits} is read + set, as its users write a
 * per-visitor tally.
 */
@RestController
public class HttpSessionController {

    @GetMapping(path = "/counter", produces = MediaType.TEXT_PLAIN_VALUE)
    String counter(HttpSession session) {
        int count = count(session) + 1;
        session.setAttribute("count", count);
        return Integer.toString(count);
    }

    @GetMapping(path = "/hits", produces = MediaType.TEXT_PLAIN_VALUE)
    String hits(HttpSession session) {
        Object hits = session.getAttribute("hits");
        int next = ((hits instanceof Integer value) ? value : 0) + 1;
        session.setAttribute("hits", next);
        return Integer.toString(next);
    }

    @GetMapping(path = "/read", produces = MediaType.TEXT_PLAIN_VALUE)
    String read(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return Integer.toString((session != null) ? count(session) : 0);
    }

    @GetMapping(path = "/noop", produces = MediaType.TEXT_PLAIN_VALUE)
    String noop() {
        return "ok";
    }

    private static int count(HttpSession session) {
        Object count = session.getAttribute("count");
        return (count instanceof Integer value) ? value : 0;
    }

}
