package dev.sessionmap.store.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionmap.core.SessionChanges;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionStoreException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.redis.SessionCommands.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a request's changes to an existing session: only the changed fields, in one
 * {@code save.lua} call. The script checks that each key the request recomputed
 * ({@code merge}, {@code compute}) still holds the JSON the request read; when one does
 * not, it writes nothing and returns the fresh values, the request's functions run again
 * on them and the script is called again. That check is what keeps every increment,
 * whichever instance the competing request ran on; a {@code put} or {@code remove} (last
 * write wins) never conflicts. Within one instance, recomputing writes of a session also
 * take turns ({@link WriterTurns}, which says what that saves).
 */
final class SessionUpdate {

    /**
     * How many times a change is tried while concurrent requests keep changing the keys
     * it recomputes.
     */
    static final int MAX_ATTEMPTS = 64;

    private static final Logger logger = LoggerFactory.getLogger(SessionUpdate.class);

    private final SessionCommands commands;

    private final HashValues values;

    private final WriterTurns turns = new WriterTurns(Duration.ofSeconds(1));

    SessionUpdate(SessionCommands commands, HashValues values) {
        this.commands = commands;
        this.values = values;
    }

    /**
     * Writes {@code write}'s changes to {@code previous}'s hash at {@code key};
     * {@code null} when the session is gone.
     */
    @Nullable String save(String key, SessionWrite write, StoredSession previous) {
        SessionChanges changes = write.changes();
        String idHash = SessionIds.hash(previous.id());
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        if (changes.isCleared()) {
            write.data().properties().forEach((entry) -> {
                String field = SessionHash.field(entry.getKey());
                values.put(field, json(idHash, field, entry.getValue()));
            });
        }
        else {
            changes.byKey().forEach((name, change) -> {
                String field = SessionHash.field(name);
                values.put(field, json(idHash, field, write.data().get(name)));
                if (change instanceof SessionChanges.Replay) {
                    // Sealing is deterministic, so this is what the hash holds if the
                    // value is unchanged.
                    expected.put(field, json(idHash, field, previous.data().get(name)));
                }
            });
        }
        // Nothing to recompute: the script cannot report a conflict.
        String written = expected.isEmpty() ? write(key, idHash, write, expected, values)
                : this.turns.inTurn(key, () -> write(key, idHash, write, expected, values));
        if (written != null && previous.resave()) {
            reseal(key, idHash, write.data(), previous.version() + 1);
        }
        return written;
    }

    /**
     * Writes every value of {@code data} again in the current form (see
     * {@link dev.sessionmap.store.AtRestSealer}), if the hash of the session
     * {@code idHash} at {@code key} is still at {@code version}, so still holds exactly
     * these values; otherwise leaves it to a later request.
     */
    void reseal(String key, String idHash, ObjectNode data, long version) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(version));
        data.properties().forEach((entry) -> {
            String field = SessionHash.field(entry.getKey());
            args.add(field);
            args.add(json(idHash, field, entry.getValue()));
        });
        this.commands.run(SessionCommands.RESEAL, key, args);
    }

    private @Nullable String write(String key, String idHash, SessionWrite write, Map<String, String> expected,
            Map<String, String> values) {
        for (int attempt = 1;; attempt++) {
            SessionCommands.Reply reply = this.commands.run(SessionCommands.SAVE, key, args(write, expected, values));
            if (reply.outcome() == Outcome.GONE) {
                logger.debug("Session was deleted by a concurrent request; its changes are dropped");
                return null;
            }
            if (reply.outcome() == Outcome.OK) {
                return write.id();
            }
            giveUpAfter(attempt);
            recompute(idHash, write.changes(), reply.fields(), expected, values);
        }
    }

    /**
     * Fails once {@code attempt} reaches {@link #MAX_ATTEMPTS}: a write of this store, or
     * a rotation's, keeps losing.
     */
    static void giveUpAfter(int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new SessionStoreException(
                    "Session kept changing under " + attempt + " concurrent writes to the same keys; gave up");
        }
    }

    private static List<String> args(SessionWrite write, Map<String, String> expected, Map<String, String> values) {
        List<String> args = new ArrayList<>();
        args.add(SessionHash.millis(write.lastAccessedAt()));
        args.add(SessionHash.millis(write.expiresAt()));
        args.add(SessionHash.ttl(write));
        args.add(SessionHash.timeout(write));
        args.add(write.changes().isCleared() ? "1" : "0");
        args.add(Integer.toString(expected.size()));
        expected.forEach((field, json) -> {
            args.add(field);
            args.add(json);
        });
        values.forEach((field, json) -> {
            args.add(field);
            args.add(json);
        });
        return args;
    }

    /**
     * Runs the request's functions again on the {@code fresh} JSON of the fields another
     * request changed ({@code ""} when absent), and expects that JSON from now on.
     */
    private void recompute(String idHash, SessionChanges changes, Map<String, String> fresh,
            Map<String, String> expected, Map<String, String> values) {
        fresh.forEach((field, json) -> {
            String name = SessionHash.key(field);
            ObjectNode scratch = this.values.codec().newData();
            // A sealed value that does not open counts as absent, and is replaced.
            JsonNode current = json.isEmpty() ? null : this.values.read(idHash, field, json);
            if (current != null) {
                scratch.set(name, current);
            }
            SessionChanges.Change change = changes.byKey().get(name);
            if (change == null) {
                // The save script reports only the fields this write expected.
                throw new SessionStoreException(
                        "Redis reported a conflict on field '" + name + "', which this write did not change");
            }
            change.applyTo(name, scratch, this.values.codec());
            values.put(field, json(idHash, field, scratch.get(name)));
            expected.put(field, json);
        });
    }

    private String json(String idHash, String field, @Nullable JsonNode value) {
        return (value != null) ? this.values.write(idHash, field, value) : "";
    }

}
