package dev.sessionmap.sample;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;

/** The classic session example as plain text: count this visitor's visits. */
@RestController
class CounterController {

    @GetMapping(path = "/counter", produces = MediaType.TEXT_PLAIN_VALUE)
    String counter(SessionMap session) {
        int count = session.get("count", 0) + 1;
        session.put("count", count);
        return Integer.toString(count);
    }

    /**
     * The same count, safe when the visitor fires many requests at once: {@code merge} is
     * replayed on the fresh value after a concurrent write, so no visit is lost. The
     * classic form above is last-writer-wins, as in every session library.
     */
    @GetMapping(path = "/counter/atomic", produces = MediaType.TEXT_PLAIN_VALUE)
    String atomicCounter(SessionMap session) {
        Object count = session.merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
        return String.valueOf(count);
    }

}
