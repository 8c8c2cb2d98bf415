package dev.sessionmap.core;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * A loaded session's contents: the application's values and the library's records, apart
 * in memory and together in the store. Stores keep one JSON object per session, records
 * under keys starting with {@value #RESERVED_PREFIX} beside the application's keys, as
 * version 0.1.0 wrote them; the object is split on load and joined again on save, so the
 * application's map never sees a record, and a record a later version adds is kept,
 * unseen.
 */
final class SessionState {

    /** What every record's key starts with, and no application key may. */
    static final String RESERVED_PREFIX = "_";

    private final SessionCodec codec;

    private final TrackedValues values;

    private final SessionRecords records;

    private SessionState(SessionCodec codec) {
        this.codec = codec;
        this.values = new TrackedValues(codec);
        this.records = new SessionRecords(new TrackedValues(codec));
    }

    /** The contents of stored {@code data}, split into values and records. */
    static SessionState of(ObjectNode data, SessionCodec codec) {
        SessionState state = new SessionState(codec);
        data.properties().forEach((property) -> {
            TrackedValues target = isReserved(property.getKey()) ? state.records.tracked() : state.values;
            target.load(property.getKey(), property.getValue());
        });
        return state;
    }

    /** Whether {@code key} names a library record rather than an application value. */
    static boolean isReserved(String key) {
        return key.startsWith(RESERVED_PREFIX);
    }

    /** The application's values. */
    TrackedValues values() {
        return this.values;
    }

    /** The library's records. */
    SessionRecords records() {
        return this.records;
    }

    /** Whether there is nothing to keep: no value and no record. */
    boolean isEmpty() {
        return this.values.size() == 0 && this.records.tracked().size() == 0;
    }

    /**
     * This request's changes to values and records, including values changed in place. A
     * {@code clear()} of the application's map clears its values, never the records.
     */
    SessionChanges changes() {
        Map<String, SessionChanges.Change> changes = new LinkedHashMap<>();
        this.values.collectChanges(changes);
        this.records.tracked().collectChanges(changes);
        // Most requests change nothing: no copy of an empty map for them.
        if (changes.isEmpty() && !this.values.isCleared()) {
            return SessionChanges.none();
        }
        return new SessionChanges(this.values.isCleared(), changes);
    }

    /**
     * Values and records joined in the stored form; call {@link #changes()} first so
     * values changed in place are included.
     */
    ObjectNode data() {
        ObjectNode data = this.codec.newData();
        this.values.writeTo(data);
        this.records.tracked().writeTo(data);
        return data;
    }

    /** Forgets the recorded changes once they were written, keeping the contents. */
    void markSaved() {
        this.values.markSaved();
        this.records.tracked().markSaved();
    }

    /** Forgets all contents and changes: the session was invalidated. */
    void reset() {
        this.values.reset();
        this.records.tracked().reset();
    }

}
