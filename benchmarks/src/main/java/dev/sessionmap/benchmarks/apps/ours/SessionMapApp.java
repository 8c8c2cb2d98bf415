package dev.sessionmap.benchmarks.apps.ours;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.benchmarks.apps.BenchSupport;
import dev.sessionmap.benchmarks.apps.ExcludedAutoConfigurations;
import dev.sessionmap.benchmarks.apps.StoredSessions;

/** sessionmap on the store that {@code app.session.store} names, with Spring Session left out. */
@SpringBootApplication(excludeName = { ExcludedAutoConfigurations.SPRING_SESSION,
        ExcludedAutoConfigurations.SPRING_SESSION_JDBC, ExcludedAutoConfigurations.SPRING_SESSION_ENDPOINT })
@Import(BenchSupport.class)
public class SessionMapApp {

    @Bean
    StoredSessions storedSessions(@Value("${app.session.store:datastore}") String store,
            ObjectProvider<JdbcTemplate> jdbc) {
        // A new server-side store adds its case here, so /bench/heap can count its sessions.
        return switch (store) {
            case "datastore" -> StoredSessions.table(jdbc.getObject(), "sessionmap_session",
                    "TRUNCATE TABLE sessionmap_session");
            default -> StoredSessions.NONE;
        };
    }
}
