package dev.sessionmap.benchmarks.apps;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;

import dev.sessionmap.benchmarks.apps.bridge.SessionMapHttpSessionApp;
import dev.sessionmap.benchmarks.apps.jdbc.SpringSessionJdbcApp;
import dev.sessionmap.benchmarks.apps.memory.HttpSessionApp;
import dev.sessionmap.benchmarks.apps.ours.SessionMapApp;
import dev.sessionmap.benchmarks.failover.FailoverLoad;
import dev.sessionmap.benchmarks.overhead.MetricsOverhead;

/**
 * Starts one of the compared apps:
 * {@code java -jar benchmarks-apps.jar <app> [--property=value ...]}, for example
 * {@code ours --spring.profiles.active=postgres --app.session.store=datastore}.
 */
public final class BenchmarkApps {

    private BenchmarkApps() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("Name the app to start as the first argument: " + names());
        }
        if (args[0].equals("failover-load")) {
            FailoverLoad.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args[0].equals("metrics-overhead")) {
            MetricsOverhead.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        App app = App.of(args[0]);
        SpringApplication.run(app.type, Arrays.copyOfRange(args, 1, args.length));
    }

    private static String names() {
        return Arrays.stream(App.values()).map((app) -> app.name).collect(Collectors.joining(", "));
    }

    /** The apps, by the name load.sh uses. */
    enum App {

        /** sessionmap on the store {@code app.session.store} names. */
        OURS("ours", SessionMapApp.class),

        /**
         * sessionmap on the store {@code app.session.store} names, behind the peers' own
         * HttpSession controller.
         */
        OURS_HTTP("ours-http", SessionMapHttpSessionApp.class),

        /** Spring Session JDBC, as Spring Boot configures it. */
        SPRING_SESSION_JDBC("spring-session-jdbc", SpringSessionJdbcApp.class),

        /** Tomcat's own in-memory HttpSession: no persistence at all. */
        HTTP_SESSION("http-session", HttpSessionApp.class);

        final String name;

        final Class<?> type;

        App(String name, Class<?> type) {
            this.name = name;
            this.type = type;
        }

        static App of(String name) {
            String wanted = name.toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                .filter((app) -> app.name.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No app named '" + name + "'; use one of: " + names()));
        }

    }

}
