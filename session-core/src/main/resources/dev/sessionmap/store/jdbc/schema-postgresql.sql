CREATE TABLE IF NOT EXISTS %TABLE_NAME% (
    id_hash VARCHAR(64) NOT NULL,
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_accessed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    purge_at BIGINT NOT NULL DEFAULT 0,
    timeout_seconds BIGINT,
    version BIGINT NOT NULL,
    principal_name VARCHAR(255),
    PRIMARY KEY (id_hash)
) WITH (fillfactor = 90);
CREATE INDEX IF NOT EXISTS %PURGE_INDEX_NAME% ON %TABLE_NAME% (purge_at);
CREATE INDEX IF NOT EXISTS %USER_INDEX_NAME% ON %TABLE_NAME% (principal_name);
