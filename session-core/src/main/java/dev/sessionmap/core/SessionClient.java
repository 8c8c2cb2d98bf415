package dev.sessionmap.core;

import org.jspecify.annotations.Nullable;

/**
 * What a request says about the client, for sessions bound to it (see
 * {@link SessionSettings#bindToUserAgent()} and {@link SessionSettings#bindToAddress()}).
 *
 * @param userAgent the {@code User-Agent} header, or {@code null} when absent
 * @param address the client's address as the server sees it, or {@code null} when unknown
 */
public record SessionClient(@Nullable String userAgent, @Nullable String address) {

    /** A client about which nothing is known: binding does not apply. */
    public static final SessionClient UNKNOWN = new SessionClient(null, null);

}
