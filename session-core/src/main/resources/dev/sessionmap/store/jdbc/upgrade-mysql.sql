ALTER TABLE %TABLE_NAME% ADD COLUMN principal_name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, ADD INDEX %USER_INDEX_NAME% (principal_name, expires_at);
