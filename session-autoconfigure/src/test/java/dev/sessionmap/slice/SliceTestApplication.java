package dev.sessionmap.slice;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;

/**
 * An application on the default (datastore) store, whose controllers are tested in a
 * {@code @WebMvcTest} slice.
 */
@SpringBootApplication
class SliceTestApplication {

    @RestController
    static class Counter {

        @GetMapping("/counter")
        String counter(SessionMap session) {
            int count = session.get("count", 0) + 1;
            session.put("count", count);
            return String.valueOf(count);
        }

        @GetMapping("/noop")
        String noop() {
            return "ok";
        }

    }

}
