package dev.sessionmap.benchmarks.apps;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /bench/heap}: the heap in use after a full collection, and how many sessions
 * are stored.
 */
@RestController
class BenchController {

    private final StoredSessions sessions;

    BenchController(StoredSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping(path = "/bench/heap", produces = MediaType.TEXT_PLAIN_VALUE)
    String heap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // Two full collections: the first may leave objects that finalization or
        // reference processing frees.
        memory.gc();
        memory.gc();
        return "heap_used_bytes=" + memory.getHeapMemoryUsage().getUsed() + " sessions=" + this.sessions.count() + "\n";
    }

}
