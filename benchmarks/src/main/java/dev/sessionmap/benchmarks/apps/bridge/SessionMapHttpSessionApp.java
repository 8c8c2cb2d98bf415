package dev.sessionmap.benchmarks.apps.bridge;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.benchmarks.apps.BenchSupport;
import dev.sessionmap.benchmarks.apps.ExcludedAutoConfigurations;
import dev.sessionmap.benchmarks.apps.HttpSessionController;
import dev.sessionmap.benchmarks.apps.StoredSessions;

/**
 * sessionmap on the store that {@code app.session.store} names, serving the same
 * {@link HttpSessionController} as the Spring Session JDBC and Tomcat apps through its
 * {@code HttpSession} bridge, so that the libraries run the very same handler code.
 * Spring Session is left out; the starter's defaults otherwise.
 */
@SpringBootApplication(excludeName = { ExcludedAutoConfigurations.SPRING_SESSION,
        ExcludedAutoConfigurations.SPRING_SESSION_JDBC, ExcludedAutoConfigurations.SPRING_SESSION_ENDPOINT })
@Import({ HttpSessionController.class, BenchSupport.class })
public class SessionMapHttpSessionApp {

    @Bean
    StoredSessions storedSessions(@Value("${app.session.store:datastore}") String store,
            ObjectProvider<JdbcTemplate> jdbc) {
        return StoredSessions.sessionmap(store, jdbc);
    }

}
