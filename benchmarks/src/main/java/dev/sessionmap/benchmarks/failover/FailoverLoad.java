package dev.sessionmap.benchmarks.failover;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.sessionmap.benchmarks.failover.Visitor.Request;

/**
 * Steady load of logged-in visitors while a Redis primary dies: warms up, runs the kill
 * command (given the visitors' session ids in {@code SESSION_IDS}, one a line; its last
 * line of output is the moment of the kill in epoch milliseconds), keeps the load on
 * until requests have succeeded for a while or the time is up, then reads every visitor's
 * counter back and reports what the fail-over cost. Run by
 * {@code benchmarks/failover.sh}:
 * {@code java -jar benchmarks-apps.jar failover-load --url=http://127.0.0.1:18097 --kill='...'}.
 */
public final class FailoverLoad {

    private FailoverLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Options are --name=value: " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        String base = options.getOrDefault("url", "http://127.0.0.1:18097");
        int visitors = Integer.parseInt(options.getOrDefault("visitors", "32"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "5"));
        double quiet = Double.parseDouble(options.getOrDefault("quiet", "5"));
        double max = Double.parseDouble(options.getOrDefault("max", "40"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "30")));
        boolean signIn = Boolean.parseBoolean(options.getOrDefault("sign-in", "true"));
        String kill = options.getOrDefault("kill", "true");
        new FailoverLoad().run(base, visitors, warmup, quiet, max, timeout, signIn, kill);
    }

    private void run(String base, int count, double warmup, double quiet, double max, Duration timeout, boolean signIn,
            String kill) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Visitor visitor = new Visitor(client, base, timeout, "visitor-" + i);
            visitor.start(signIn);
            visitors.add(visitor);
        }
        long origin = System.nanoTime();
        double[] killedAt = { Double.NaN };
        ExecutorService threads = Executors.newFixedThreadPool(count);
        for (Visitor visitor : visitors) {
            threads.submit(() -> visitor.run(() -> stop(visitors, origin, killedAt[0], quiet, max), origin));
        }
        Thread.sleep((long) (warmup * 1000));
        long originMillis = System.currentTimeMillis() - (System.nanoTime() - origin) / 1_000_000;
        String killed = runKill(kill, visitors);
        // The kill command's last line is the moment of the kill, in epoch milliseconds.
        String at = killed.substring(killed.lastIndexOf('\n') + 1).trim();
        killedAt[0] = (Long.parseLong(at) - originMillis) / 1e3;
        killed = killed.substring(0, Math.max(0, killed.lastIndexOf('\n')));
        threads.shutdown();
        if (!threads.awaitTermination((long) (max + timeout.toSeconds() + 10), TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
        double endedAt = (System.nanoTime() - origin) / 1e9;
        int[] found = new int[visitors.size()];
        for (int i = 0; i < visitors.size(); i++) {
            found[i] = visitors.get(i).check();
        }
        report(visitors, found, killedAt[0], endedAt, killed);
    }

    /**
     * Stop once requests have all succeeded for {@code quiet} seconds after the kill, or
     * {@code max} seconds after it.
     */
    private static boolean stop(List<Visitor> visitors, long origin, double killedAt, double quiet, double max) {
        if (Double.isNaN(killedAt)) {
            return false;
        }
        double now = (System.nanoTime() - origin) / 1e9;
        if (now - killedAt >= max) {
            return true;
        }
        double lastFailure = lastFailure(visitors, killedAt);
        return now - killedAt >= 2 * quiet && now - Math.max(lastFailure, killedAt) >= quiet;
    }

    private static double lastFailure(List<Visitor> visitors, double after) {
        double last = after;
        for (Visitor visitor : visitors) {
            for (Request request : visitor.requests()) {
                if (request.status() != 200 && request.at() + request.seconds() > last) {
                    last = request.at() + request.seconds();
                }
            }
        }
        return last;
    }

    private static String runKill(String command, List<Visitor> visitors) throws IOException, InterruptedException {
        ProcessBuilder process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
        process.environment()
            .put("SESSION_IDS", visitors.stream().map(Visitor::cookie).collect(Collectors.joining("\n")));
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes()).trim();
        if (!started.waitFor(30, TimeUnit.SECONDS) || started.exitValue() != 0) {
            throw new IllegalStateException("The kill command failed: " + output);
        }
        return output;
    }

    private static void report(List<Visitor> visitors, int[] found, double killedAt, double endedAt, String killed) {
        List<Request> all = visitors.stream().flatMap((visitor) -> visitor.requests().stream()).toList();
        List<Request> before = all.stream().filter((request) -> request.at() < killedAt).toList();
        List<Request> after = all.stream().filter((request) -> request.at() >= killedAt).toList();
        List<Request> failed = after.stream().filter((request) -> request.status() != 200).toList();
        double lastFailure = lastFailure(visitors, killedAt);
        double recovered = failed.isEmpty() ? 0 : lastFailure - killedAt;
        boolean stillFailing = after.stream()
            .filter((request) -> request.at() > endedAt - 2)
            .anyMatch((request) -> request.status() != 200);
        System.out.printf("killed: %s%n", killed);
        System.out.printf("visitors: %d, load: %.1f s before the kill, %.1f s after%n", visitors.size(), killedAt,
                endedAt - killedAt);
        System.out.printf("requests before the kill: %d (%s), %.0f/s%n", before.size(), statuses(before),
                before.size() / killedAt);
        System.out.printf("requests after the kill: %d (%s)%n", after.size(), statuses(after));
        System.out.printf("failed requests after the kill: %d (%s)%n", failed.size(), statuses(failed));
        System.out.printf("seconds from the kill until every request succeeds again: %s%n", stillFailing
                ? "not within " + String.format("%.1f", endedAt - killedAt) + " s" : String.format("%.2f", recovered));
        List<Request> everyFailure = all.stream().filter((request) -> request.status() != 200).toList();
        System.out.printf("outage, from the start of the first failed request to the end of the last: %.2f s%n",
                everyFailure.stream().mapToDouble((request) -> request.at() + request.seconds()).max().orElse(0)
                        - everyFailure.stream().mapToDouble(Request::at).min().orElse(0));
        System.out.printf(
                "slowest failed request: %.2f s; slowest request still running at the kill or later: %.2f s%n",
                everyFailure.stream().mapToDouble(Request::seconds).max().orElse(0),
                all.stream()
                    .filter((request) -> request.at() + request.seconds() >= killedAt)
                    .mapToDouble(Request::seconds)
                    .max()
                    .orElse(0));
        System.out.printf("failed-request latency p50/p99: %.2f/%.2f s%n", percentile(failed, 0.5),
                percentile(failed, 0.99));
        int lost = visitors.stream().mapToInt(Visitor::lost).sum();
        long visitorsLosing = visitors.stream().filter((visitor) -> visitor.lost() > 0).count();
        long sessionsGone = java.util.stream.IntStream.range(0, found.length)
            .filter((i) -> found[i] == 0 && visitors.get(i).acknowledged() > 0)
            .count();
        long unreadable = java.util.stream.IntStream.of(found).filter((value) -> value < 0).count();
        System.out.printf("acknowledged increments lost: %d, of %d visitors; sessions gone: %d; unreadable after: %d%n",
                lost, visitorsLosing, sessionsGone, unreadable);
        System.out.println("timeline (second after the kill: ok/failed):");
        for (int second = (int) Math.floor(-2); second < Math.ceil(endedAt - killedAt); second++) {
            int from = second;
            List<Request> in = all.stream()
                .filter((request) -> request.at() - killedAt >= from && request.at() - killedAt < from + 1)
                .toList();
            long ok = in.stream().filter((request) -> request.status() == 200).count();
            System.out.printf("  %+3d s: %5d ok %5d failed %s%n", second, ok, in.size() - ok,
                    (in.size() > ok) ? statuses(in.stream().filter((r) -> r.status() != 200).toList()) : "");
        }
    }

    private static String statuses(List<Request> requests) {
        Map<String, Long> counts = new TreeMap<>(requests.stream()
            .collect(Collectors.groupingBy((request) -> (request.status() == Visitor.NO_ANSWER) ? "no answer"
                    : String.valueOf(request.status()), Collectors.counting())));
        return counts.entrySet()
            .stream()
            .map((entry) -> entry.getKey() + ": " + entry.getValue())
            .collect(Collectors.joining(", "));
    }

    private static double percentile(List<Request> requests, double fraction) {
        double[] sorted = requests.stream().mapToDouble(Request::seconds).sorted().toArray();
        return (sorted.length == 0) ? 0 : sorted[Math.min(sorted.length - 1, (int) (fraction * sorted.length))];
    }

}
