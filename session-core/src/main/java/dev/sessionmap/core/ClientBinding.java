package dev.sessionmap.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;

/**
 * Binds a session to the user agent and address that created it, in the session's
 * records. What is stored is an HMAC-SHA256 of each value keyed by the session's id, cut
 * to 128 bits: server-side stores keep only a hash of the id, so a leaked table gives no
 * key to test guessed addresses against (an unkeyed hash of an IPv4 address falls to
 * brute force in about an hour). The id changes on rotation, and the values are recorded
 * again under the new one. A session recorded for another client is not served; one
 * recorded before binding was switched on is bound on its next write.
 */
final class ClientBinding {

    static final String USER_AGENT_KEY = "_ua";

    static final String ADDRESS_KEY = "_ip";

    private static final byte[] LABEL = "sessionmap client binding\0".getBytes(StandardCharsets.US_ASCII);

    private static final int MAC_BYTES = 16;

    /**
     * Length of a 0.1.0 value: unkeyed SHA-256 in hex, cut to 128 bits. Still accepted,
     * and replaced on the next write.
     */
    private static final int UNKEYED_LENGTH = 32;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** The raw values to bind, by reserved key. */
    private final Map<String, String> expected;

    ClientBinding(SessionSettings settings, SessionClient client) {
        this.expected = expected(settings, client);
    }

    /**
     * The values to bind, in the order they are recorded; none made when nothing is
     * bound.
     */
    private static Map<String, String> expected(SessionSettings settings, SessionClient client) {
        boolean userAgent = settings.bindToUserAgent() && client != SessionClient.UNKNOWN;
        String address = settings.bindToAddress() ? client.address() : null;
        if (!userAgent && address == null) {
            return Map.of();
        }
        Map<String, String> expected = new LinkedHashMap<>();
        if (userAgent) {
            expected.put(USER_AGENT_KEY, (client.userAgent() != null) ? client.userAgent() : "");
        }
        if (address != null) {
            expected.put(ADDRESS_KEY, address);
        }
        return expected;
    }

    /** Whether a stored session may be served to this client. */
    boolean admits(StoredSession session) {
        for (Map.Entry<String, String> entry : this.expected.entrySet()) {
            JsonNode recorded = session.data().get(entry.getKey());
            if (recorded != null && !matches(recorded.asString(""), session.id(), entry)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records this client in the session, keyed by {@code id}, where it is not recorded
     * so yet.
     */
    void record(SessionRecords records, String id) {
        if (this.expected.isEmpty()) {
            return;
        }
        bound(id).forEach((key, value) -> {
            if (!value.equals(records.get(key))) {
                records.put(key, value);
            }
        });
    }

    /** What {@link #record} puts for this client under {@code id}, by reserved key. */
    Map<String, String> bound(String id) {
        Map<String, String> bound = new LinkedHashMap<>();
        this.expected.forEach((key, value) -> bound.put(key, mac(id, key, value)));
        return bound;
    }

    /**
     * {@code changes} as they must be applied to the session under {@code id}: this
     * client's bound values take the place of any recorded for another id (a parallel
     * rotation moved the session elsewhere).
     */
    SessionChanges rebind(SessionChanges changes, String id, SessionCodec codec) {
        if (this.expected.isEmpty()) {
            return changes;
        }
        Map<String, SessionChanges.Change> rebound = new LinkedHashMap<>(changes.byKey());
        bound(id).forEach((key, value) -> rebound.put(key, new SessionChanges.Write(codec.encode(key, value))));
        return new SessionChanges(changes.isCleared(), rebound);
    }

    private static boolean matches(String recorded, String id, Map.Entry<String, String> client) {
        String expected = (recorded.length() == UNKEYED_LENGTH)
                ? SessionIds.hash(client.getValue()).substring(0, UNKEYED_LENGTH)
                : mac(id, client.getKey(), client.getValue());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                recorded.getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(String id, String key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(id.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            mac.update(LABEL);
            mac.update(key.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] cut = new byte[MAC_BYTES];
            System.arraycopy(digest, 0, cut, 0, MAC_BYTES);
            return ENCODER.encodeToString(cut);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
        }
    }

}
