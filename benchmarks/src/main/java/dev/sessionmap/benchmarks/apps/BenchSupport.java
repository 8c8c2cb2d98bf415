package dev.sessionmap.benchmarks.apps;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every compared app adds to its three endpoints: the {@code /bench} endpoints, SQL
 * counting when {@code bench.count-sql=true}, and emptying the session tables at start-up
 * when {@code bench.reset=true}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ BenchController.class, SqlCounting.class })
public class BenchSupport {

    @Bean
    ApplicationRunner resetStoredSessions(StoredSessions sessions, @Value("${bench.reset:false}") boolean reset) {
        return (args) -> {
            if (reset) {
                sessions.deleteAll();
            }
        };
    }

}
