package dev.sessionmap.benchmarks.apps.memory;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import dev.sessionmap.benchmarks.apps.StoredSessions;

/**
 * Counts the HttpSessions Tomcat holds in memory (Spring Boot registers this listener
 * with the servlet context).
 */
class LiveHttpSessions implements HttpSessionListener, StoredSessions {

    private final AtomicLong live = new AtomicLong();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        this.live.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        this.live.decrementAndGet();
    }

    @Override
    public long count() {
        return this.live.get();
    }

    @Override
    public void deleteAll() {
        // A new JVM starts with none.
    }

}
