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
}
