package dev.sessionmap.integration;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements Hibernate sends, by kind, so the load test can report how many writes
 * conflicted and were retried.
 */
public class StatementCounter implements StatementInspector {

    private static final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public String inspect(String sql) {
        String lower = sql.trim().toLowerCase(Locale.ROOT);
        String kind = lower.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (lower.contains(" for update") || lower.contains(" for no key update")) {
            kind += " FOR UPDATE";
        }
        counts.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
        return sql;
    }

    static void reset() {
        counts.clear();
    }

    static Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }

    static long count(String kind) {
        LongAdder count = counts.get(kind);
        return (count != null) ? count.sum() : 0;
    }
}
