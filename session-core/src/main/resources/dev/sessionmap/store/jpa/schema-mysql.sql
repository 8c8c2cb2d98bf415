CREATE TABLE IF NOT EXISTS sessionmap_session (
    id_hash VARCHAR(64) CHARACTER SET ascii NOT NULL,
    data LONGTEXT CHARACTER SET utf8mb4 NOT NULL,
    created_at BIGINT NOT NULL,
    last_accessed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    timeout_seconds BIGINT,
    version BIGINT NOT NULL,
    CONSTRAINT sessionmap_session_pk PRIMARY KEY (id_hash),
    INDEX sessionmap_session_expires_idx (expires_at)
) ENGINE = InnoDB;
