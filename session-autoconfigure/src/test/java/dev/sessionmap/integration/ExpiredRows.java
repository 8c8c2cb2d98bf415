package dev.sessionmap.integration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import dev.sessionmap.core.SessionIds;

/**
 * Sessions that expired an hour ago, written straight into the suite's table for the
 * purge to find.
 */
final class ExpiredRows {

    private ExpiredRows() {
    }

    static void insert(TestDatabase database, int count) throws SQLException {
        long expired = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        try (Connection connection = database.connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO sessionmap_session"
                        + " (id_hash, data, created_at, last_accessed_at, expires_at, timeout_seconds, version)"
                        + " VALUES (?, '{}', ?, ?, ?, NULL, 0)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, SessionIds.hash(SessionIds.generate()));
                insert.setLong(2, expired);
                insert.setLong(3, expired);
                insert.setLong(4, expired);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static long count(TestDatabase database, Instant now) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement select = connection
                    .prepareStatement("SELECT COUNT(*) FROM sessionmap_session WHERE expires_at < ?")) {
            select.setLong(1, now.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

}
