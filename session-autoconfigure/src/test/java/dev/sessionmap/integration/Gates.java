package dev.sessionmap.integration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Named gates a test uses to hold a request inside its handler, after it loaded the
 * session, and to let it go at a chosen moment, so that races between requests of one
 * session are played in a fixed order rather than left to chance.
 */
public final class Gates {

    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    /**
     * Called by a handler: says it has arrived and waits until the test opens the gate.
     */
    public void pass(String name) {
        Gate gate = gate(name);
        gate.arrived.countDown();
        await(gate.opened);
    }

    /** Waits until a request has arrived at the gate. */
    public void awaitArrival(String name) {
        await(gate(name).arrived);
    }

    public void open(String name) {
        gate(name).opened.countDown();
    }

    private Gate gate(String name) {
        return this.gates.computeIfAbsent(name, (key) -> new Gate());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Gate not reached in time");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static final class Gate {

        final CountDownLatch arrived = new CountDownLatch(1);

        final CountDownLatch opened = new CountDownLatch(1);

    }

}
