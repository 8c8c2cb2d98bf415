package dev.sessionmap.benchmarks.apps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The SQL of probed requests, by probe name. Statements are recorded on the request's own
 * thread, which is where both sessionmap and Spring Session JDBC run theirs; the result
 * is published only once the outermost filter is done, after the response may already
 * have reached the client.
 */
final class SqlProbes {

    private final ThreadLocal<List<String>> current = new ThreadLocal<>();

    private final Map<String, CompletableFuture<List<String>>> results = new ConcurrentHashMap<>();

    void record(String sql) {
        List<String> statements = this.current.get();
        if (statements != null) {
            statements.add(sql);
        }
    }

    void begin() {
        this.current.set(new ArrayList<>());
    }

    void end(String probe) {
        List<String> statements = this.current.get();
        this.current.remove();
        result(probe).complete((statements != null) ? List.copyOf(statements) : List.of());
    }

    /**
     * The statements of the request probed as {@code probe}, waiting for it to finish.
     */
    List<String> await(String probe, Duration timeout) {
        try {
            return result(probe).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for probe " + probe, ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("No finished request was probed as '" + probe + "'", ex);
        }
        finally {
            this.results.remove(probe);
        }
    }

    private CompletableFuture<List<String>> result(String probe) {
        return this.results.computeIfAbsent(probe, (name) -> new CompletableFuture<>());
    }

}
