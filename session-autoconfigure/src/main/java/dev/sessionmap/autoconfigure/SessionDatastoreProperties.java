package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.convert.DurationUnit;

import dev.sessionmap.store.jdbc.SessionTable;

/** The datastore store. */
public class SessionDatastoreProperties {

    /**
     * Name of the session table, optionally schema-qualified ("schema.table"); the schema
     * scripts create it under this name.
     */
    private String tableName = SessionTable.DEFAULT_NAME;

    /**
     * When to create the session table: "embedded" (embedded databases only), "always" or
     * "never".
     */
    private SchemaInitializationMode initializeSchema = SchemaInitializationMode.EMBEDDED;

    /**
     * Longest time any session statement may run, so a hung database cannot hold request
     * threads; rounded up to whole seconds, 0 for none, not applied to in-memory
     * databases. A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration queryTimeout = Duration.ofSeconds(5);

    /**
     * How many times a session write is tried; after a conflict the second try holds the
     * row lock, so more are used only after a deadlock or serialization failure.
     */
    private int maxAttempts = 32;

    public String getTableName() {
        return this.tableName;
    }

    public void setTableName(String tableName) {
        SessionTable.named(tableName);
        this.tableName = tableName;
    }

    /** The table {@link #getTableName()} names. */
    SessionTable table() {
        return SessionTable.named(this.tableName);
    }

    public SchemaInitializationMode getInitializeSchema() {
        return this.initializeSchema;
    }

    public void setInitializeSchema(SchemaInitializationMode initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public Duration getQueryTimeout() {
        return this.queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    public int getMaxAttempts() {
        return this.maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

}
