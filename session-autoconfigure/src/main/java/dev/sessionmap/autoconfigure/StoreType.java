package dev.sessionmap.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The stores {@code app.session.store} can name. */
public enum StoreType {

    /** Sessions in a database table of a DataSource; only a random id in the cookie. */
    DATASTORE("datastore"),

    /** All session data in one encrypted, authenticated cookie; nothing on the server. */
    SECURE_COOKIE("secure-cookie"),

    /** Sessions in Redis through Spring Data Redis; only a random id in the cookie. */
    REDIS("redis");

    private final String value;

    StoreType(String value) {
        this.value = value;
    }

    /** The name as written in {@code app.session.store}. */
    public String value() {
        return this.value;
    }

    /** The store {@code value} names; fails with a message listing the valid names. */
    public static StoreType of(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (StoreType type : values()) {
            if (type.value.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("app.session.store=" + value + " names no store; set it to one of: "
                + Arrays.stream(values()).map(StoreType::value).collect(Collectors.joining(", ")));
    }
}
