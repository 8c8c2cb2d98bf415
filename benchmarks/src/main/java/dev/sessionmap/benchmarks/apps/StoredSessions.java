package dev.sessionmap.benchmarks.apps;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/** An app's stored sessions, as the {@code /bench} endpoints see them. */
public interface StoredSessions {

    /** For a store that keeps nothing the app can count (a cookie store). */
    StoredSessions NONE = new StoredSessions() {

        @Override
        public long count() {
            return -1;
        }

        @Override
        public void deleteAll() {
        }
    };

    /** How many sessions are stored, or -1 when the app cannot tell. */
    long count();

    /** Deletes every stored session, so each run starts from empty tables. */
    void deleteAll();

    /**
     * Sessions in {@code table}, emptied by {@code deleteStatements} (only ever tables of
     * the benchmark's own schema).
     */
    static StoredSessions table(JdbcTemplate jdbc, String table, String... deleteStatements) {
        List<String> deletes = List.of(deleteStatements);
        return new StoredSessions() {

            @Override
            public long count() {
                Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
                return (count != null) ? count : 0;
            }

            @Override
            public void deleteAll() {
                deletes.forEach(jdbc::execute);
            }
        };
    }

    /**
     * The sessions of sessionmap's store named {@code store} ({@code app.session.store}).
     * A new server-side store adds its case here, so {@code /bench/heap} can count its
     * sessions.
     */
    static StoredSessions sessionmap(String store, ObjectProvider<JdbcTemplate> jdbc) {
        return switch (store) {
            case "datastore" -> table(jdbc.getObject(), "sessionmap_session", "TRUNCATE TABLE sessionmap_session");
            default -> NONE;
        };
    }

}
