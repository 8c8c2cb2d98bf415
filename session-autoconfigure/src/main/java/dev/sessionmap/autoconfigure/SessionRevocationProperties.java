package dev.sessionmap.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.convert.DurationUnit;

import dev.sessionmap.store.jdbc.JdbcPrincipalEpochs;
import dev.sessionmap.store.jdbc.SessionTable;

/**
 * Revocation of secure-cookie sessions ("log out everywhere"): where users' epochs are
 * kept, and how long a node may use one it read.
 */
public class SessionRevocationProperties {

    /**
     * Where users' revocation epochs are kept: "auto" (the application's DataSource if
     * there is one, else its Redis), "datastore", "redis" or "none" (cookie sessions
     * cannot be revoked).
     */
    private RevocationStore store = RevocationStore.AUTO;

    /**
     * How long a node uses a user's epoch it read before reading it again; a revocation
     * made on another node takes effect here within this window. 0 reads it on every
     * request. A bare number is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration cacheTtl = Duration.ofSeconds(5);

    /** Most users whose epochs a node keeps in its cache at once. */
    private int cacheSize = 10_000;

    /**
     * Name of the epoch table in the DataSource, optionally schema-qualified
     * ("schema.table").
     */
    private String tableName = JdbcPrincipalEpochs.DEFAULT_TABLE;

    /**
     * When to create the epoch table: "embedded" (embedded databases only), "always" or
     * "never".
     */
    private SchemaInitializationMode initializeSchema = SchemaInitializationMode.EMBEDDED;

    public RevocationStore getStore() {
        return this.store;
    }

    public void setStore(RevocationStore store) {
        this.store = store;
    }

    public Duration getCacheTtl() {
        return this.cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("must not be negative (0s reads the epoch on every request)");
        }
        this.cacheTtl = cacheTtl;
    }

    public int getCacheSize() {
        return this.cacheSize;
    }

    public void setCacheSize(int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("must be at least 1 (set cache-ttl to 0 for no cache)");
        }
        this.cacheSize = cacheSize;
    }

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

    /** Where users' revocation epochs are kept. */
    public enum RevocationStore {

        /** The application's DataSource if it has one, else its Redis, else nowhere. */
        AUTO,

        /** A table of the application's DataSource. */
        DATASTORE,

        /** The application's Redis. */
        REDIS,

        /** Nowhere: cookie sessions cannot be revoked. */
        NONE

    }

}
