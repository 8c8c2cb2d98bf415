package dev.sessionmap.autoconfigure;

/**
 * The stores {@code app.session.store} can name, in Boot's relaxed spellings:
 * {@code secure-cookie} or {@code SECURE_COOKIE}.
 */
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

}
