package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.convert.DurationUnit;

/** The Redis store. */
public class SessionRedisProperties {

    /** Prefix of every Redis key the sessions use; must not contain '{' or '}'. */
    private String namespace = "sessionmap";

    /**
     * How many replicas must acknowledge each session write (Redis WAIT) before it counts
     * as done; 0 for none.
     */
    private int waitReplicas;

    /**
     * Longest time a session write waits for its replicas, at least 1ms; past it the
     * request fails with 503. A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration waitTimeout = Duration.ofMillis(100);

    public String getNamespace() {
        return this.namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public int getWaitReplicas() {
        return this.waitReplicas;
    }

    public void setWaitReplicas(int waitReplicas) {
        this.waitReplicas = waitReplicas;
    }

    public Duration getWaitTimeout() {
        return this.waitTimeout;
    }

    public void setWaitTimeout(Duration waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

}
