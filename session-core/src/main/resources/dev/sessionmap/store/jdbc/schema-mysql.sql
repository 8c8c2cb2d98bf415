CREATE TABLE IF NOT EXISTS %TABLE_NAME% (
    id_hash VARCHAR(64) CHARACTER SET ascii NOT NULL,
    data LONGTEXT CHARACTER SET utf8mb4 NOT NULL,
    created_at BIGINT NOT NULL,
    last_accessed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    purge_at BIGINT NOT NULL DEFAULT 0,
    timeout_seconds BIGINT,
    version BIGINT NOT NULL,
    principal_name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    PRIMARY KEY (id_hash),
    INDEX %PURGE_INDEX_NAME% (purge_at),
    INDEX %USER_INDEX_NAME% (principal_name)
) ENGINE = InnoDB;
