package dev.sessionmap.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.sessionmap.core.IndexedSession;
import dev.sessionmap.core.PurgedSession;
import dev.sessionmap.core.SessionRecords;
import dev.sessionmap.core.StoredSession;

/**
 * The sessions of each principal: a sorted set per principal (member: the hash of a
 * session's id; score: its expiry in epoch ms) and one expiry queue of every indexed
 * session, which the purge reads to report expired sessions once. Every entry carries its
 * deadline and every key expires after its last entry, so the index cannot outlive the
 * sessions it names (see the scripts {@code index-*.lua}).
 *
 * <p>
 * The index is kept beside the sessions rather than inside their scripts, since a
 * session's key and its principal's live on different cluster slots. It is a superset: an
 * entry is added before the session is written and removed after the session left
 * (deleted, moved to another id, given another principal), so a crash between the two
 * leaves an entry too many, never one too few; readers check each session and drop
 * entries that no longer match.
 */
final class PrincipalIndex {

    /**
     * How long an expired entry waits for the purge to report it before writes drop it
     * unreported.
     */
    static final Duration WINDOW = Duration.ofHours(1);

    /** The only key of a periodic rotation's forwarding entry. */
    private static final String MOVED = "_moved";

    private static final Logger logger = LoggerFactory.getLogger(PrincipalIndex.class);

    private final SessionCommands commands;

    private final StringRedisTemplate redis;

    private final SessionKeys keys;

    private final HashValues values;

    PrincipalIndex(SessionCommands commands, SessionKeys keys, HashValues values) {
        this.commands = commands;
        this.redis = commands.redis();
        this.keys = keys;
        this.values = values;
    }

    /**
     * Records that the session {@code idHash} belongs to {@code principal} until
     * {@code expiresAt}; nothing for an anonymous session.
     */
    void add(@Nullable String principal, String idHash, Instant expiresAt, Instant now) {
        if (principal != null) {
            this.commands.raw(SessionCommands.INDEX_ADD, List.of(this.keys.principal(principal), this.keys.expiring()),
                    List.of(SessionHash.millis(now), Long.toString(WINDOW.toMillis()), idHash,
                            SessionHash.millis(expiresAt), principal));
        }
    }

    /** Takes the session {@code idHash} out of {@code principal}'s index, if there. */
    void remove(@Nullable String principal, String idHash) {
        if (principal != null) {
            this.commands.raw(SessionCommands.INDEX_REMOVE,
                    List.of(this.keys.principal(principal), this.keys.expiring()), List.of(idHash, principal));
        }
    }

    /**
     * The live sessions of {@code principal}: the members not yet expired, read in one
     * pipeline, that still name a live session of this principal. Members that do not are
     * skipped but left to expire, since a write may be under way (an entry is added
     * before its session is written); only forwarding entries are removed.
     */
    List<IndexedSession> find(String principal, Instant now) {
        String index = this.keys.principal(principal);
        Set<String> members = SessionCommands
            .call(() -> this.redis.opsForZSet().rangeByScore(index, now.toEpochMilli() + 1, Double.POSITIVE_INFINITY));
        List<String> hashes = new ArrayList<>(Objects.requireNonNull(members));
        // Pipelined callbacks return null; NullAway sees that only in JSpecify mode
        @SuppressWarnings("NullAway")
        List<Object> replies = SessionCommands.call(() -> this.redis.executePipelined((RedisCallback<Object>) (c) -> {
            hashes.forEach((hash) -> c.hashCommands().hGetAll(bytes(this.keys.ofHash(hash))));
            return null;
        }));
        List<IndexedSession> sessions = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            StoredSession session = read(hashes.get(i), replies.get(i));
            if (session != null && session.data().has(MOVED)) {
                remove(principal, hashes.get(i));
            }
            else if (session != null && principal.equals(SessionRecords.principalOf(session.data()))
                    && session.expiresAt().isAfter(now)) {
                sessions.add(new IndexedSession(hashes.get(i), session.data(), session.createdAt(),
                        session.lastAccessedAt(), session.expiresAt()));
            }
        }
        return sessions;
    }

    /**
     * Takes at most {@code limit} sessions that expired by {@code now} out of the index
     * and returns those this call took. An entry whose session is found alive after all
     * is not reported: put back when it is still this principal's, dropped when it became
     * another's or a forwarding entry.
     */
    Purged purge(Instant now, int limit) {
        long millis = now.toEpochMilli();
        Set<String> found = SessionCommands.call(() -> this.redis.opsForZSet()
            .rangeByScore(this.keys.expiring(), Double.NEGATIVE_INFINITY, millis, 0, limit));
        if (found == null || found.isEmpty()) {
            return new Purged(0, List.of());
        }
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        keys.add(this.keys.expiring());
        args.add(Long.toString(millis));
        for (String entry : found) {
            keys.add(this.keys.principal(entry.substring(entry.indexOf(' ') + 1)));
            args.add(entry);
        }
        List<Object> removed = this.commands.raw(SessionCommands.INDEX_PURGE, keys, args);
        List<String> entries = removed.subList(1, removed.size()).stream().map(String::valueOf).toList();
        // Pipelined callbacks return null; NullAway sees that only in JSpecify mode
        @SuppressWarnings("NullAway")
        List<Object> sessions = SessionCommands.call(() -> this.redis.executePipelined((RedisCallback<Object>) (c) -> {
            entries.forEach((entry) -> c.hashCommands().hGetAll(bytes(this.keys.ofHash(hashOf(entry)))));
            return null;
        }));
        List<PurgedSession> purged = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String hash = hashOf(entries.get(i));
            String principal = entries.get(i).substring(hash.length() + 1);
            StoredSession session = read(hash, sessions.get(i));
            if (session != null && session.data().has(MOVED)) {
                continue;
            }
            if (session == null || !session.expiresAt().isAfter(now)) {
                purged.add(new PurgedSession(hash, principal));
            }
            else if (principal.equals(SessionRecords.principalOf(session.data()))) {
                add(principal, hash, session.expiresAt(), now);
            }
        }
        return new Purged(entries.size(), purged);
    }

    private @Nullable StoredSession read(String hash, @Nullable Object reply) {
        if (!(reply instanceof Map<?, ?> entries) || entries.isEmpty()) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        entries.forEach((field, value) -> fields.put(String.valueOf(field), String.valueOf(value)));
        try {
            return SessionHash.read(this.values, hash, hash, fields);
        }
        catch (RuntimeException ex) {
            logger.warn("Stored session is malformed; it is left out of its principal's sessions", ex);
            return null;
        }
    }

    private static String hashOf(String entry) {
        return entry.substring(0, entry.indexOf(' '));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What one purge did.
     *
     * @param taken how many entries it took out of the queue, whether reported or not
     * @param expired the expired sessions among them, each reported to this call only
     */
    record Purged(int taken, List<PurgedSession> expired) {
    }

}
