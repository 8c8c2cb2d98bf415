package dev.sessionmap.core;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binds a session to the user agent and address that created it, under reserved keys holding a hash
 * of each (the stored data never holds the raw address). A session recorded for another client is
 * not served; one recorded before binding was switched on is bound on its next use.
 */
final class ClientBinding {

    static final String USER_AGENT_KEY = "_ua";

    static final String ADDRESS_KEY = "_ip";

    private static final int HASH_LENGTH = 32;

    private final Map<String, String> expected;

    ClientBinding(SessionSettings settings, SessionClient client) {
        Map<String, String> expected = new LinkedHashMap<>();
        if (settings.bindToUserAgent() && client != SessionClient.UNKNOWN) {
            expected.put(USER_AGENT_KEY, hash((client.userAgent() != null) ? client.userAgent() : ""));
        }
        if (settings.bindToAddress() && client.address() != null) {
            expected.put(ADDRESS_KEY, hash(client.address()));
        }
        this.expected = expected;
    }

    /** Whether a stored session may be served to this client. */
    boolean admits(ObjectNode data) {
        for (Map.Entry<String, String> entry : this.expected.entrySet()) {
            JsonNode recorded = data.get(entry.getKey());
            if (recorded != null && !entry.getValue().equals(recorded.asString(""))) {
                return false;
            }
        }
        return true;
    }

    /** Records this client in the session where it is not recorded yet. */
    void record(Map<String, Object> session) {
        this.expected.forEach((key, value) -> {
            if (!value.equals(session.get(key))) {
                session.put(key, value);
            }
        });
    }

    private static String hash(String value) {
        return SessionIds.hash(value).substring(0, HASH_LENGTH);
    }
}
