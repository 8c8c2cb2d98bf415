package dev.sessionmap.store.jdbc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of the session table, checked to be a plain SQL identifier, optionally
 * schema-qualified ({@code sessions.web_session}), so that it can be written into
 * statements and schema scripts as it is. Statements and scripts name it with
 * {@value #TABLE_PLACEHOLDER}, its purge index with {@value #PURGE_INDEX_PLACEHOLDER},
 * its index of sessions by user with {@value #USER_INDEX_PLACEHOLDER}, and the expiry
 * index of earlier tables, which the upgrade drops, with {@value #INDEX_PLACEHOLDER}.
 */
public final class SessionTable {

    /** The table the store uses unless told otherwise. */
    public static final String DEFAULT_NAME = "sessionmap_session";

    /**
     * Stands for the table name, schema-qualified if it was given so, in statements and
     * schema scripts.
     */
    public static final String TABLE_PLACEHOLDER = "%TABLE_NAME%";

    /**
     * Stands for the name of the expiry index of tables made before the purge column: the
     * table name without its schema, then {@code _expires_idx}.
     */
    public static final String INDEX_PLACEHOLDER = "%INDEX_NAME%";

    /**
     * Stands for the name of the index the purge reads: the table name without its
     * schema, then {@code _purge_idx}.
     */
    public static final String PURGE_INDEX_PLACEHOLDER = "%PURGE_INDEX_NAME%";

    /**
     * Stands for the table's schema and a dot when the name was given with one, else
     * nothing: what names an index of the table in {@code DROP INDEX}.
     */
    public static final String SCHEMA_PREFIX_PLACEHOLDER = "%SCHEMA_PREFIX%";

    /**
     * Stands for the name of the index of sessions by user: the table name without its
     * schema, then {@code _user_idx}.
     */
    public static final String USER_INDEX_PLACEHOLDER = "%USER_INDEX_NAME%";

    private static final String INDEX_SUFFIX = "_expires_idx";

    private static final String PURGE_INDEX_SUFFIX = "_purge_idx";

    // Short enough for the 51-character table names allowed below.
    private static final String USER_INDEX_SUFFIX = "_user_idx";

    // Unquoted identifiers only: nothing in the name can end a statement or open a
    // string. 51 characters
    // leave room for the index suffix within PostgreSQL's 63 (it cuts longer names
    // silently).
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,50}");

    private final String name;

    private final String indexName;

    private final String purgeIndexName;

    private final String userIndexName;

    private final String schemaPrefix;

    private SessionTable(String name, String unqualified) {
        this.name = name;
        this.indexName = unqualified + INDEX_SUFFIX;
        this.purgeIndexName = unqualified + PURGE_INDEX_SUFFIX;
        this.userIndexName = unqualified + USER_INDEX_SUFFIX;
        this.schemaPrefix = name.substring(0, name.length() - unqualified.length());
    }

    /**
     * The table called {@code name}: {@code table} or {@code schema.table}, letters,
     * digits and underscores.
     */
    public static SessionTable named(String name) {
        Objects.requireNonNull(name, "name");
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2 || !IDENTIFIER.matcher(parts[0]).matches()
                || (parts.length == 2 && !IDENTIFIER.matcher(parts[1]).matches())) {
            throw new IllegalArgumentException("'" + name + "' is not a plain SQL table name: use letters, digits and"
                    + " underscores, not starting with a digit, at most 51 characters, optionally as schema.table");
        }
        return new SessionTable(name, parts[parts.length - 1]);
    }

    /** The default table, {@value #DEFAULT_NAME}. */
    public static SessionTable defaultTable() {
        return named(DEFAULT_NAME);
    }

    /** The name as given, schema-qualified if it was given so. */
    public String name() {
        return this.name;
    }

    /**
     * The name of the index on the expiry time that tables made before the purge column
     * have, and their upgrade drops.
     */
    public String indexName() {
        return this.indexName;
    }

    /**
     * The name of the index on the purge time, which the purge and the count use.
     */
    public String purgeIndexName() {
        return this.purgeIndexName;
    }

    /**
     * The name of the index on the user, which lists a user's sessions.
     */
    public String userIndexName() {
        return this.userIndexName;
    }

    /** {@code sql} with the placeholders replaced by this table's names. */
    public String resolve(String sql) {
        return sql.replace(TABLE_PLACEHOLDER, this.name)
            .replace(SCHEMA_PREFIX_PLACEHOLDER, this.schemaPrefix)
            .replace(PURGE_INDEX_PLACEHOLDER, this.purgeIndexName)
            .replace(INDEX_PLACEHOLDER, this.indexName)
            .replace(USER_INDEX_PLACEHOLDER, this.userIndexName);
    }

    @Override
    public String toString() {
        return this.name;
    }

}
