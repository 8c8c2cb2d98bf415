package dev.sessionmap.benchmarks.apps.memory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.sessionmap.benchmarks.apps.BenchSupport;
import dev.sessionmap.benchmarks.apps.ExcludedAutoConfigurations;
import dev.sessionmap.benchmarks.apps.HttpSessionController;

/** Tomcat's own in-memory HttpSession, with no database, sessionmap or Spring Session. */
@SpringBootApplication(
        excludeName = { ExcludedAutoConfigurations.SESSIONMAP, ExcludedAutoConfigurations.SESSIONMAP_DATASTORE,
                ExcludedAutoConfigurations.SPRING_SESSION, ExcludedAutoConfigurations.SPRING_SESSION_JDBC,
                ExcludedAutoConfigurations.SPRING_SESSION_ENDPOINT, ExcludedAutoConfigurations.DATA_SOURCE })
@Import({ HttpSessionController.class, BenchSupport.class })
public class HttpSessionApp {

    @Bean
    LiveHttpSessions liveHttpSessions() {
        return new LiveHttpSessions();
    }

}
