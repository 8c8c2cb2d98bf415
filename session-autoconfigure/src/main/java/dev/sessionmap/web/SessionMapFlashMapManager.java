package dev.sessionmap.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.AbstractFlashMapManager;

import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionRecords;

/**
 * Keeps Spring MVC flash attributes ({@code RedirectAttributes.addFlashAttribute}) in the
 * session, as one of the library's {@link SessionRecords} beside the {@link SessionMap}'s
 * values, so they survive a redirect without any servlet {@code HttpSession}.
 *
 * <p>
 * {@code DispatcherServlet} asks for flash attributes on every request. To keep that
 * free, a redirect that saves flash attributes also sets a small marker cookie
 * ({@code <session cookie>_flash}, no data in it); a request without the marker is
 * answered without loading the session, unless the session was loaded already. The
 * request that consumes the last flash attributes clears the marker.
 *
 * <p>
 * Flash attributes are stored as JSON like any session value and come back as plain JSON
 * types (strings, numbers, booleans, maps, lists).
 *
 * <p>
 * A request whose session travels in the {@linkplain SessionHeader session header} gets
 * no cookie at all, so without the marker its flash attributes would sit in the session
 * unseen: they are not kept.
 */
public class SessionMapFlashMapManager implements FlashMapManager {

    /** The session record holding the pending flash maps. */
    static final String KEY = "_flashmaps";

    /** The marker cookie's suffix to the session cookie's name. */
    static final String MARKER = "flash";

    private final SessionCookies cookies;

    private final Storage storage = new Storage();

    public SessionMapFlashMapManager(SessionCookies cookies) {
        this.cookies = Objects.requireNonNull(cookies, "cookies");
    }

    /**
     * Sets how long saved flash attributes wait for the request they are meant for, in
     * seconds (default 180).
     */
    public void setFlashMapTimeout(int seconds) {
        this.storage.setFlashMapTimeout(seconds);
    }

    @Override
    public @Nullable FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
        SessionLifecycle lifecycle = SessionFilter.lifecycle(request);
        if (lifecycle == null || SessionFilter.usesHeader(request)) {
            return null;
        }
        boolean marked = this.cookies.hasCompanion(request, MARKER);
        if (!marked && !lifecycle.isUsed()) {
            return null;
        }
        FlashMap match = this.storage.retrieveAndUpdate(request, response);
        if (marked && !lifecycle.records().contains(KEY)) {
            this.cookies.writeCompanion(MARKER, Duration.ZERO, request, response);
        }
        return match;
    }

    @Override
    public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
        if (!flashMap.isEmpty() && !SessionFilter.usesHeader(request)) {
            records(request);
            this.storage.saveOutputFlashMap(flashMap, request, response);
        }
    }

    private static SessionRecords records(HttpServletRequest request) {
        SessionLifecycle lifecycle = SessionFilter.lifecycle(request);
        if (lifecycle == null) {
            throw new IllegalStateException("Flash attributes need the sessionmap SessionFilter, which did not run for"
                    + " this request. It is registered automatically in a Spring Boot web application; with a"
                    + " hand-built MockMvc, add it with addFilters(...)");
        }
        return lifecycle.records();
    }

    private static List<Map<String, @Nullable Object>> encode(List<FlashMap> flashMaps) {
        List<Map<String, @Nullable Object>> encoded = new ArrayList<>();
        for (FlashMap flashMap : flashMaps) {
            Map<String, @Nullable Object> entry = new LinkedHashMap<>();
            entry.put("path", flashMap.getTargetRequestPath());
            entry.put("params", new LinkedHashMap<>(flashMap.getTargetRequestParams()));
            entry.put("expires", flashMap.getExpirationTime());
            entry.put("attributes", new LinkedHashMap<>(flashMap));
            encoded.add(entry);
        }
        return encoded;
    }

    /** The stored flash maps; anything malformed in the record counts as none. */
    private static @Nullable List<FlashMap> decode(@Nullable Object stored) {
        if (!(stored instanceof List<?> entries)) {
            return null;
        }
        List<FlashMap> flashMaps = new ArrayList<>();
        for (Object item : entries) {
            if (item instanceof Map<?, ?> entry && entry.get("attributes") instanceof Map<?, ?> attributes
                    && entry.get("expires") instanceof Number expires) {
                FlashMap flashMap = new FlashMap();
                if (entry.get("path") instanceof String path) {
                    flashMap.setTargetRequestPath(path);
                }
                if (entry.get("params") instanceof Map<?, ?> params) {
                    params.forEach((name, values) -> {
                        if (values instanceof List<?> list) {
                            list.forEach((value) -> flashMap.addTargetRequestParam(String.valueOf(name),
                                    String.valueOf(value)));
                        }
                    });
                }
                flashMap.setExpirationTime(expires.longValue());
                attributes.forEach((name, value) -> flashMap.put(String.valueOf(name), value));
                flashMaps.add(flashMap);
            }
        }
        return flashMaps;
    }

    /** Spring's matching and expiry rules, on the session's record. */
    private final class Storage extends AbstractFlashMapManager {

        @Override
        protected @Nullable List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
            SessionLifecycle lifecycle = SessionFilter.lifecycle(request);
            return (lifecycle != null) ? decode(lifecycle.records().get(KEY)) : null;
        }

        @Override
        protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request,
                HttpServletResponse response) {
            SessionRecords records = records(request);
            if (flashMaps.isEmpty()) {
                records.remove(KEY);
            }
            else {
                records.put(KEY, encode(flashMaps));
                SessionMapFlashMapManager.this.cookies.writeCompanion(MARKER, Duration.ofSeconds(getFlashMapTimeout()),
                        request, response);
            }
        }

        /**
         * One request owns its session map; concurrent requests are reconciled by the
         * store.
         */
        @Override
        protected @Nullable Object getFlashMapsMutex(HttpServletRequest request) {
            return null;
        }

    }

}
