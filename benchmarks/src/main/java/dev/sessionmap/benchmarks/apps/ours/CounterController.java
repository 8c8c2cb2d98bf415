package dev.sessionmap.benchmarks.apps.ours;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;

/** The three endpoints on a {@link SessionMap}, as in the sample app. */
@RestController
class CounterController {

    @GetMapping(path = "/counter", produces = MediaType.TEXT_PLAIN_VALUE)
    String counter(SessionMap session) {
        int count = session.get("count", 0) + 1;
        session.put("count", count);
        return Integer.toString(count);
    }

    @GetMapping(path = "/read", produces = MediaType.TEXT_PLAIN_VALUE)
    String read(SessionMap session) {
        return Integer.toString(session.get("count", 0));
    }

    @GetMapping(path = "/noop", produces = MediaType.TEXT_PLAIN_VALUE)
    String noop() {
        return "ok";
    }
}
