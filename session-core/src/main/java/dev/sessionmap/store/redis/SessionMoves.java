package dev.sessionmap.store.redis;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionIds;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import dev.sessionmap.store.redis.SessionCommands.Outcome;
import tools.jackson.databind.node.ObjectNode;

/** Writing a session under a new key: whole, and moved from its previous id. */
final class SessionMoves {

    private final SessionCommands commands;

    private final SessionKeys keys;

    private final HashValues values;

    private final SessionCodec codec;

    SessionMoves(SessionCommands commands, SessionKeys keys, HashValues values, SessionCodec codec) {
        this.commands = commands;
        this.keys = keys;
        this.values = values;
        this.codec = codec;
    }

    /**
     * Rotation writes the session under its new key, then deletes the old one unless a
     * concurrent request changed it meanwhile (then the changes are applied to the fresh
     * copy and both steps run again). Two keys of different sessions may live on
     * different cluster slots, so this is two scripts; the new key is unknown to anyone
     * until the response carries it.
     */
    @Nullable String move(SessionWrite write, StoredSession previous) {
        String oldKey = this.keys.of(previous.id());
        ObjectNode data = write.data();
        long version = previous.version();
        for (int attempt = 1;; attempt++) {
            replace(write.id(), write, data, version + 1);
            SessionCommands.Reply reply = this.commands.run(SessionCommands.REMOVE_IF_UNCHANGED, oldKey,
                    List.of(Long.toString(version)));
            if (reply.outcome() != Outcome.STALE) {
                return (reply.outcome() == Outcome.GONE) ? discard(write.id()) : write.id();
            }
            SessionUpdate.giveUpAfter(attempt);
            StoredSession fresh = SessionHash.read(this.values, previous.id(), SessionIds.hash(previous.id()),
                    reply.fields());
            if (fresh == null) {
                return discard(write.id());
            }
            data = write.replayOnto(fresh.data(), this.codec);
            if (data == null) {
                return discard(write.id());
            }
            version = fresh.version();
        }
    }

    /**
     * Deletes the new key of a rotation whose session was invalidated meanwhile; returns
     * {@code null}.
     */
    @Nullable String discard(String id) {
        this.commands.delete(this.keys.of(id));
        return null;
    }

    /** Writes the whole session under {@code id}, replacing what is there. */
    void replace(String id, SessionWrite write, ObjectNode data, long version) {
        List<String> args = new ArrayList<>();
        args.add(SessionHash.ttl(write));
        args.addAll(SessionHash.all(this.values, SessionIds.hash(id), write, data, version));
        this.commands.run(SessionCommands.REPLACE, this.keys.of(id), args);
    }

}
