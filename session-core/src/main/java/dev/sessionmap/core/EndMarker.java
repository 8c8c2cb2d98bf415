package dev.sessionmap.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * What a log-out leaves in the browser when the store cannot revoke the session (see
 * {@link SessionStore#revokesOnDelete()}): a request of the same page still in flight at
 * log-out can re-send the ended session's cookie, and a session the browser presents
 * together with its marker is not served, and its cookie is cleared. The value names the
 * session by a truncated hash of its id, so it reveals nothing about the session, not
 * even its id.
 *
 * @param value the marker: URL-safe base64 without padding of the first 128 bits of
 * SHA-256 over a label and the session's id
 * @param maxAge how long the browser keeps it
 */
public record EndMarker(String value, Duration maxAge) {

    /**
     * The shortest lifetime: requests in flight at log-out end within seconds, and a page
     * that sent one (a poll, an XHR) usually sends its next request within minutes, which
     * then finds the marker.
     */
    static final Duration MIN_LIFETIME = Duration.ofMinutes(10);

    private static final byte[] LABEL = "sessionmap ended session v1\0".getBytes(StandardCharsets.US_ASCII);

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /**
     * The marker of the session {@code id}, ended now, living for
     * {@link #lifetime(SessionSettings)}.
     */
    static EndMarker of(String id, SessionSettings settings) {
        return new EndMarker(valueOf(id), lifetime(settings));
    }

    /**
     * The longer of {@link #MIN_LIFETIME} and twice the touch interval, so the marker
     * never runs out sooner than the refresh cadence the site chose. Longer would protect
     * a browser that comes back later, but every request would carry the marker, an
     * identifier of the ended session, for as long.
     */
    static Duration lifetime(SessionSettings settings) {
        Duration twoTouches = settings.touchInterval().multipliedBy(2);
        return (twoTouches.compareTo(MIN_LIFETIME) > 0) ? twoTouches : MIN_LIFETIME;
    }

    /** The marker value of the session {@code id}. */
    static String valueOf(String id) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(LABEL);
            byte[] digest = sha256.digest(id.getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(Arrays.copyOf(digest, 16));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}
