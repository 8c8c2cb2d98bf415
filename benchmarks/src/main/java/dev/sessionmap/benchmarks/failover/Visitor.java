package dev.sessionmap.benchmarks.failover;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * One logged-in visitor: increments its own counter with {@code GET /counter}, one
 * request after another, and remembers the highest count the server acknowledged. A count
 * that comes back lower than one acknowledged before is a lost write.
 */
final class Visitor {

    /**
     * The status recorded for a request that got no HTTP answer (refused, reset, timed
     * out).
     */
    static final int NO_ANSWER = 0;

    private final HttpClient client;

    private final String base;

    private final Duration timeout;

    private final String name;

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private volatile @Nullable String cookie;

    private int acknowledged;

    private int lost;

    Visitor(HttpClient client, String base, Duration timeout, String name) {
        this.client = client;
        this.base = base;
        this.timeout = timeout;
        this.name = name;
    }

    /** Signs in and makes the first increment; fails when the app does not answer 200. */
    void start(boolean signIn) throws IOException, InterruptedException {
        if (signIn) {
            expectOk(send("/sign-in?user=" + this.name));
        }
        increment(expectOk(send("/counter")));
    }

    /** Increments until {@code stop} says so, recording every request. */
    void run(BooleanSupplier stop, long origin) {
        while (!stop.getAsBoolean()) {
            long began = System.nanoTime();
            int status;
            try {
                HttpResponse<String> response = send("/counter");
                status = response.statusCode();
                if (status == 200) {
                    increment(response);
                }
            }
            catch (IOException ex) {
                status = NO_ANSWER;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            this.requests.add(new Request((began - origin) / 1e9, (System.nanoTime() - began) / 1e9, status));
        }
    }

    /**
     * Reads the counter once more after the load; returns what it found (0 when the
     * session is gone), counting a shortfall against the last acknowledged count as lost.
     */
    int check() throws IOException, InterruptedException {
        HttpResponse<String> response = send("/read");
        int found = (response.statusCode() == 200) ? Integer.parseInt(response.body().trim()) : -1;
        if (found >= 0 && found < this.acknowledged) {
            this.lost += this.acknowledged - found;
        }
        return found;
    }

    String cookie() {
        return String.valueOf(this.cookie);
    }

    int acknowledged() {
        return this.acknowledged;
    }

    int lost() {
        return this.lost;
    }

    List<Request> requests() {
        return this.requests;
    }

    private void increment(HttpResponse<String> response) {
        int count = Integer.parseInt(response.body().trim());
        if (count <= this.acknowledged) {
            // The count went back: every acknowledged increment from count on is gone.
            this.lost += this.acknowledged - count + 1;
        }
        this.acknowledged = count;
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(this.timeout);
        String current = this.cookie;
        if (current != null) {
            request.header("Cookie", "sessionid=" + current);
        }
        HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith("sessionid=")) {
                String value = header.substring("sessionid=".length(), header.indexOf(';'));
                this.cookie = value.isEmpty() ? null : value;
            }
        }
        return response;
    }

    private static HttpResponse<String> expectOk(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("The app answered " + response.statusCode() + " before the fail-over");
        }
        return response;
    }

    /**
     * One request: when it began (seconds since the load started), how long it took, and
     * its status ({@link #NO_ANSWER} without one).
     */
    record Request(double at, double seconds, int status) {
    }

}
