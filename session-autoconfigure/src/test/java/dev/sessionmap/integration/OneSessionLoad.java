package dev.sessionmap.integration;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sessionmap.web.SqlStatements;

/**
 * Many threads of one visitor firing requests at one session at once: each thread writes
 * its own key, all write one shared key and {@code merge}-increment one shared counter
 * ({@code /load}).
 *
 * @param threads how many threads ran
 * @param requests how many requests each thread sent, one after the other
 * @param statuses how many responses had each status
 * @param elapsed how long the run took
 * @param statements the SQL statements the application sent during the run, by kind
 */
record OneSessionLoad(int threads, int requests, Map<Integer, Integer> statuses, Duration elapsed,
        Map<String, Long> statements) {

    static OneSessionLoad run(int port, Visitor visitor, int threads, int requests) throws InterruptedException {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(new Thread(() -> {
                await(start);
                for (int seq = 0; seq < requests; seq++) {
                    HttpResponse<String> response = visitor.get(port, "/load?thread=" + thread + "&seq=" + seq);
                    statuses.computeIfAbsent(response.statusCode(), (s) -> new AtomicInteger()).incrementAndGet();
                }
            }, "load-" + t));
        }
        workers.forEach(Thread::start);
        SqlStatements.reset();
        long began = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        Map<Integer, Integer> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.get()));
        return new OneSessionLoad(threads, requests, counted, elapsed, SqlStatements.countsByKind());
    }

    int ok() {
        return this.statuses.getOrDefault(200, 0);
    }

    int serverErrors() {
        return this.statuses.entrySet().stream().filter((e) -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
    }

    /** The figures, for the build log. */
    String summary(String database) {
        int total = this.threads * this.requests;
        return String.format(
                "[concurrency] %s: %d threads x %d requests = %d on one session in %.1f s (%.0f req/s);"
                        + " statuses %s; statements %s",
                database, this.threads, this.requests, total, this.elapsed.toMillis() / 1000.0,
                total * 1000.0 / Math.max(1, this.elapsed.toMillis()), this.statuses, this.statements);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
