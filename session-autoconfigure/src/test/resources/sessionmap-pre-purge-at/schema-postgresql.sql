CREATE TABLE IF NOT EXISTS %TABLE_NAME% (
    id_hash VARCHAR(64) NOT NULL,
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_accessed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    timeout_seconds BIGINT,
    version BIGINT NOT NULL,
    principal_name VARCHAR(255),
    PRIMARY KEY (id_hash)
);
CREATE INDEX IF NOT EXISTS %INDEX_NAME% ON %TABLE_NAME% (expires_at);
CREATE INDEX IF NOT EXISTS %USER_INDEX_NAME% ON %TABLE_NAME% (principal_name, expires_at);
