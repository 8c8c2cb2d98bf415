package dev.sessionmap.benchmarks.apps.jdbc;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.sessionmap.benchmarks.apps.BenchSupport;
import dev.sessionmap.benchmarks.apps.ExcludedAutoConfigurations;
import dev.sessionmap.benchmarks.apps.HttpSessionController;
import dev.sessionmap.benchmarks.apps.StoredSessions;

/**
 * Spring Session JDBC with Spring Boot's defaults (flush on save, save on set attribute),
 * on the same database as sessionmap; sessionmap is left out.
 */
@SpringBootApplication(
        excludeName = { ExcludedAutoConfigurations.SESSIONMAP, ExcludedAutoConfigurations.SESSIONMAP_DATASTORE })
@Import({ HttpSessionController.class, BenchSupport.class })
public class SpringSessionJdbcApp {

    @Bean
    StoredSessions storedSessions(JdbcTemplate jdbc) {
        return StoredSessions.table(jdbc, "SPRING_SESSION", "TRUNCATE TABLE SPRING_SESSION_ATTRIBUTES, SPRING_SESSION");
    }

}
