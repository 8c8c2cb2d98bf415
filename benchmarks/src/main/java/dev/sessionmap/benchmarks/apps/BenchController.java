package dev.sessionmap.benchmarks.apps;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /bench/heap}: the heap in use after a full collection, and how many sessions
 * are stored. {@code GET /bench/alloc}: the bytes every thread of the JVM has allocated
 * on the heap so far, so {@code load.sh} can divide what a case allocated by its
 * requests.
 */
@RestController
class BenchController {

    private final StoredSessions sessions;

    BenchController(StoredSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * The JVM's running total of heap bytes allocated, by live and ended threads alike
     * ({@code com.sun.management.ThreadMXBean}). A virtual thread's allocations count on
     * the carrier it ran on, so the figure holds for both kinds of threads.
     */
    @GetMapping(path = "/bench/alloc", produces = MediaType.TEXT_PLAIN_VALUE)
    String allocated() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getTotalThreadAllocatedBytes() + "\n";
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
