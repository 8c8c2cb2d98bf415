package dev.sessionmap.store.cookie;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sessionmap.core.CookieUpdate;
import dev.sessionmap.core.SessionCodec;
import dev.sessionmap.core.SessionStore;
import dev.sessionmap.core.SessionTooLargeException;
import dev.sessionmap.core.SessionWrite;
import dev.sessionmap.core.StoredSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The secure-cookie store: the token is the whole session, sealed by a
 * {@link SecureCookieCodec}, and the server keeps nothing. The sealed JSON is
 * <pre>{"i": id, "c": created, "a": last access, "e": expiry, "t": own timeout in seconds or null, "d": {data}}</pre>
 * with times in epoch milliseconds. Expiry is judged from the sealed times, never from
 * the browser's {@code Max-Age}: the sealed expiry, the idle timeout from the sealed last
 * access (so a shorter configured timeout applies to cookies already out), and the
 * absolute timeout from the sealed creation.
 *
 * <p>
 * A cookie sealed with a previous secret loads with {@link StoredSession#resave()} set,
 * so the response re-seals it with the current secret. The store itself cannot revoke a
 * copied cookie before it expires; with {@link dev.sessionmap.core.PrincipalEpochs}
 * configured, a logged-in user's cookies are revoked all at once by advancing the user's
 * epoch.
 */
public class SecureCookieSessionStore implements SessionStore {

    /**
     * The heap the cookies recently opened and sealed may take by default: some 5,000
     * sessions of a few small values.
     */
    public static final long DEFAULT_CACHE_BYTES = 8L * 1024 * 1024;

    private static final Logger logger = LoggerFactory.getLogger(SecureCookieSessionStore.class);

    private final SecureCookieCodec sealer;

    private final SessionCodec codec;

    private final int cookieOverhead;

    private final OpenedCookies opened;

    /**
     * A store that keeps up to {@value #DEFAULT_CACHE_BYTES} bytes of recently opened and
     * sealed cookies.
     * @param sealer seals and opens the token, for the session cookie's name
     * @param cookieOverhead the bytes a {@code Set-Cookie} header of the session cookie
     * takes besides the value, at most: the name, {@code =} and the longest attributes it
     * can carry
     */
    public SecureCookieSessionStore(SecureCookieCodec sealer, SessionCodec codec, int cookieOverhead) {
        this(sealer, codec, cookieOverhead, DEFAULT_CACHE_BYTES);
    }

    /**
     * @param sealer seals and opens the token, for the session cookie's name
     * @param cookieOverhead the bytes a {@code Set-Cookie} header of the session cookie
     * takes besides the value, at most: the name, {@code =} and the longest attributes it
     * can carry
     * @param cacheBytes about how much heap the cookies recently opened and sealed may
     * take, kept so that a cookie sent again is neither decrypted nor parsed again; 0
     * keeps none
     */
    public SecureCookieSessionStore(SecureCookieCodec sealer, SessionCodec codec, int cookieOverhead, long cacheBytes) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (cookieOverhead < 0 || cookieOverhead >= CookieUpdate.MAX_COOKIE_BYTES) {
            throw new IllegalArgumentException("The cookie's name and attributes leave no room for a value");
        }
        this.cookieOverhead = cookieOverhead;
        this.opened = new OpenedCookies(cacheBytes);
    }

    /**
     * The longest token that fits in a {@value CookieUpdate#MAX_COOKIE_BYTES}-byte
     * cookie.
     */
    public int maxTokenLength() {
        return CookieUpdate.MAX_COOKIE_BYTES - this.cookieOverhead;
    }

    /**
     * The session sealed in {@code token}, or {@code null} if it does not open. Expiry is
     * the caller's to judge, as for every store, so that an expired cookie is told apart
     * from a tampered one. A token this store opened or sealed recently is neither
     * decrypted nor parsed again: the session comes from the cache, copied.
     */
    @Override
    public @Nullable StoredSession load(String token) {
        OpenedCookies.Entry entry = this.opened.get(token);
        if (entry == null) {
            SecureCookieCodec.Opened opened = this.sealer.open(token);
            if (opened == null) {
                return null;
            }
            entry = new OpenedCookies.Entry(opened.plaintext(), opened.previousKey());
            this.opened.put(token, entry);
        }
        StoredSession parsed = entry.parsed;
        if (parsed == null) {
            parsed = read(entry.plaintext, entry.previousKey);
            if (parsed == null) {
                return null;
            }
            entry.parsed = parsed;
        }
        return new StoredSession(parsed.id(), parsed.data().deepCopy(), parsed.createdAt(), parsed.lastAccessedAt(),
                parsed.expiresAt(), parsed.timeout(), 0, parsed.resave());
    }

    /**
     * Seals the session into a new token.
     * @throws SessionTooLargeException if the cookie would be over
     * {@value CookieUpdate#MAX_COOKIE_BYTES} bytes
     */
    @Override
    public String save(SessionWrite write) {
        Duration timeout = write.timeout();
        byte[] plaintext = this.codec.writeObjectBytes((json) -> {
            json.writeStringProperty("i", write.id());
            json.writeNumberProperty("c", write.createdAt().toEpochMilli());
            json.writeNumberProperty("a", write.lastAccessedAt().toEpochMilli());
            json.writeNumberProperty("e", write.expiresAt().toEpochMilli());
            if (timeout != null) {
                json.writeNumberProperty("t", timeout.toSeconds());
            }
            else {
                json.writeNullProperty("t");
            }
            json.writeName("d");
            json.writeTree(write.data());
        });
        long size = (long) this.cookieOverhead + SecureCookieCodec.sealedLength(plaintext.length);
        if (size > CookieUpdate.MAX_COOKIE_BYTES) {
            throw new SessionTooLargeException("the session cookie", size, CookieUpdate.MAX_COOKIE_BYTES,
                    "browsers drop larger cookies. Keep less in the session, or keep sessions on the server");
        }
        String token = this.sealer.seal(plaintext);
        // The browser sends it back with its next request, which then does not open it,
        // nor parse it where the data is sure to read back as written.
        if (this.opened.maxBytes() > 0) {
            OpenedCookies.Entry entry = new OpenedCookies.Entry(plaintext, false);
            entry.parsed = readBack(write, timeout);
            this.opened.put(token, entry);
        }
        return token;
    }

    /**
     * The session {@link #read} would make of the plaintext {@link #save} wrote, without
     * parsing it; {@code null} where only parsing can tell.
     */
    private @Nullable StoredSession readBack(SessionWrite write, @Nullable Duration timeout) {
        ObjectNode data = this.codec.readBackCopy(write.data());
        if (data == null) {
            return null;
        }
        return new StoredSession(write.id(), data, Instant.ofEpochMilli(write.createdAt().toEpochMilli()),
                Instant.ofEpochMilli(write.lastAccessedAt().toEpochMilli()),
                Instant.ofEpochMilli(write.expiresAt().toEpochMilli()),
                (timeout != null) ? Duration.ofSeconds(timeout.toSeconds()) : null, 0, false);
    }

    /**
     * About how much heap the cookies recently opened and sealed may take; 0 if none are
     * kept.
     */
    public long cacheBytes() {
        return this.opened.maxBytes();
    }

    /** The estimated heap bytes of the cookies kept in the cache now. */
    long cachedBytes() {
        return this.opened.bytes();
    }

    /** Nothing to do: the server keeps nothing, and the web layer clears the cookie. */
    @Override
    public void delete(StoredSession session) {
    }

    /**
     * The token is the sealed session, not its id: nothing can be saved under an id for a
     * later request to find.
     */
    @Override
    public boolean findsSessionsById() {
        return false;
    }

    /**
     * Whether the token has the form of a sealed session, so one that does not load is
     * told apart as tampered with (or sealed with an unknown key) rather than malformed.
     */
    @Override
    public boolean isWellFormed(String token) {
        return SecureCookieCodec.isWellFormed(token);
    }

    /**
     * A copy of the cookie opens the session until its sealed expiry, whatever
     * {@link #delete} does.
     */
    @Override
    public boolean revokesOnDelete() {
        return false;
    }

    private @Nullable StoredSession read(byte[] plaintext, boolean previousKey) {
        try {
            ObjectNode payload = this.codec.parse(plaintext);
            JsonNode id = payload.get("i");
            JsonNode data = payload.get("d");
            JsonNode timeout = payload.get("t");
            if (id == null || !id.isString() || !(data instanceof ObjectNode values) || timeout == null
                    || !(timeout.isNull() || timeout.isIntegralNumber())) {
                return rejected();
            }
            Instant createdAt = instant(payload, "c");
            Instant lastAccessedAt = instant(payload, "a");
            Instant expiresAt = instant(payload, "e");
            if (createdAt == null || lastAccessedAt == null || expiresAt == null) {
                return rejected();
            }
            return new StoredSession(id.asString(), values, createdAt, lastAccessedAt, expiresAt,
                    timeout.isNull() ? null : Duration.ofSeconds(timeout.asLong()), 0, previousKey);
        }
        catch (RuntimeException ex) {
            return rejected();
        }
    }

    private static @Nullable Instant instant(ObjectNode payload, String field) {
        JsonNode node = payload.get(field);
        return (node != null && node.isIntegralNumber() && node.canConvertToLong())
                ? Instant.ofEpochMilli(node.asLong()) : null;
    }

    private static @Nullable StoredSession rejected() {
        logger.debug("Session cookie ignored: its sealed content is not a session");
        return null;
    }

}
