package dev.sessionmap.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.Length;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * One session row. Times are epoch milliseconds, which every database stores and compares the same
 * way; the version column backs optimistic locking.
 */
@Entity(name = "SessionMapSession")
@Table(name = SessionEntity.TABLE, indexes = @Index(name = "sessionmap_session_expires_idx", columnList = "expires_at"))
public class SessionEntity {

    /** The table, as the schema files create it. */
    public static final String TABLE = "sessionmap_session";

    @Id
    @Column(name = "id_hash", length = 64, nullable = false, updatable = false)
    private String idHash = "";

    // Length.LONG32 makes every dialect expect its largest text type (MySQL/MariaDB longtext), matching the schema files.
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "data", nullable = false, length = Length.LONG32)
    private String data = "{}";

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "last_accessed_at", nullable = false)
    private long lastAccessedAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "timeout_seconds")
    private @Nullable Long timeoutSeconds;

    @Column(name = "version", nullable = false)
    private long version;

    protected SessionEntity() {
    }

    SessionEntity(String idHash, String data, long createdAt, long lastAccessedAt, long expiresAt,
            @Nullable Long timeoutSeconds, long version) {
        this.idHash = idHash;
        this.data = data;
        this.createdAt = createdAt;
        this.lastAccessedAt = lastAccessedAt;
        this.expiresAt = expiresAt;
        this.timeoutSeconds = timeoutSeconds;
        this.version = version;
    }

    String getIdHash() {
        return this.idHash;
    }

    String getData() {
        return this.data;
    }

    long getCreatedAt() {
        return this.createdAt;
    }

    long getLastAccessedAt() {
        return this.lastAccessedAt;
    }

    long getExpiresAt() {
        return this.expiresAt;
    }

    @Nullable Long getTimeoutSeconds() {
        return this.timeoutSeconds;
    }

    long getVersion() {
        return this.version;
    }
}
