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

/**
 * sessionmap on the store that {@code app.session.store} names, with Spring Session left
 * out.
 */
@SpringBootApplication(excludeName = { ExcludedAutoConfigurations.SPRING_SESSION,
        ExcludedAutoConfigurations.SPRING_SESSION_JDBC, ExcludedAutoConfigurations.SPRING_SESSION_ENDPOINT })
@Import(BenchSupport.class)
public class SessionMapApp {

    @Bean
    StoredSessions storedSessions(@Value("${app.session.store:datastore}") String store,
            ObjectProvider<JdbcTemplate> jdbc) {
        return StoredSessions.sessionmap(store, jdbc);
    }

}
