package dev.sessionmap.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What periodic id rotation leaves under the previous id for the grace period: a
 * forwarding entry that leads to the new id until a deadline, so requests already sent
 * with the old cookie still find the session. It is stored as an ordinary session whose
 * only key is {@value #KEY}, so every store keeps it without knowing about it;
 * {@link StoredEntry} tells it apart on load, and {@link SessionWrite#replayOnto} keeps a
 * late write from landing on it.
 *
 * <p>
 * The new id is stored encrypted with a pad derived from the previous id (SHA-256 of a
 * label and the id), which only the holder of the previous id can compute: a server-side
 * store keeps only the SHA-256 of ids, so a leaked table still reveals no usable id.
 */
final class IdForwarding {

    static final String KEY = "_moved";

    private static final byte[] LABEL = "sessionmap id forwarding\0".getBytes(StandardCharsets.US_ASCII);

    private IdForwarding() {
    }

    /**
     * The data of a forwarding entry from {@code previousId} to {@code newId}, valid
     * until {@code until}.
     */
    static ObjectNode data(SessionCodec codec, String previousId, String newId, Instant until) {
        ObjectNode forward = codec.newData();
        forward.put("to", seal(previousId, newId));
        forward.put("until", until.toEpochMilli());
        ObjectNode data = codec.newData();
        data.set(KEY, forward);
        return data;
    }

    /** Whether stored data is a forwarding entry rather than a session. */
    static boolean isForward(ObjectNode data) {
        return data.has(KEY);
    }

    /**
     * The id a forwarding entry leads to, or {@code null} once its grace period is over
     * or when it is malformed.
     */
    static @Nullable String target(String previousId, ObjectNode data, Instant now) {
        JsonNode forward = data.get(KEY);
        if (forward == null || !forward.path("until").isNumber()
                || !now.isBefore(Instant.ofEpochMilli(forward.path("until").asLong()))) {
            return null;
        }
        String target = unseal(previousId, forward.path("to").asString(""));
        return SessionIds.isWellFormed(target) ? target : null;
    }

    private static String seal(String previousId, String newId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(xor(pad(previousId), decode(newId)));
    }

    private static @Nullable String unseal(String previousId, String sealed) {
        byte[] bytes = decode(sealed);
        if (bytes.length != 32) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(xor(pad(previousId), bytes));
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getUrlDecoder().decode(value);
        }
        catch (IllegalArgumentException ex) {
            return new byte[0];
        }
    }

    private static byte[] xor(byte[] pad, byte[] value) {
        byte[] result = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            result[i] = (byte) (value[i] ^ pad[i % pad.length]);
        }
        return result;
    }

    private static byte[] pad(String previousId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(LABEL);
            return digest.digest(previousId.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

}
