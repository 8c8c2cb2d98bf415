package dev.sessionmap.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a visitor's session should hold, kept in plain collections: the values, the flash
 * messages not yet consumed, whether the test cookie is set.
 */
final class SessionModel implements SessionProgram.Extras {

    final Map<String, Object> values = new LinkedHashMap<>();

    private final List<String> flashes = new ArrayList<>();

    private boolean testCookie;

    @Override
    public void flash(String message) {
        this.flashes.add(message);
    }

    @Override
    public List<String> consumeFlashes() {
        List<String> consumed = List.copyOf(this.flashes);
        this.flashes.clear();
        return consumed;
    }

    @Override
    public void setTestCookie() {
        this.testCookie = true;
    }

    @Override
    public boolean testCookieWorked() {
        return this.testCookie;
    }

    @Override
    public void deleteTestCookie() {
        this.testCookie = false;
    }

    @Override
    public void invalidate() {
        this.values.clear();
        this.flashes.clear();
        this.testCookie = false;
    }

    @Override
    public void rotateId() {
    }

    @Override
    public void save() {
    }

    @Override
    public void setTimeout(Duration timeout) {
    }

    @Override
    public void setAttribute(String name, Object value) {
        this.values.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        this.values.remove(name);
    }

    @Override
    public @Nullable Object getAttribute(String name) {
        return this.values.get(name);
    }

}
