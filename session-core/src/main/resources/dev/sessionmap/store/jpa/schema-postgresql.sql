CREATE TABLE IF NOT EXISTS sessionmap_session (
    id_hash VARCHAR(64) NOT NULL,
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_accessed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    timeout_seconds BIGINT,
    version BIGINT NOT NULL,
    CONSTRAINT sessionmap_session_pk PRIMARY KEY (id_hash)
);
CREATE INDEX IF NOT EXISTS sessionmap_session_expires_idx ON sessionmap_session (expires_at);
