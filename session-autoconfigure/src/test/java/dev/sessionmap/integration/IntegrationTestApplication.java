package dev.sessionmap.integration;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;
import dev.sessionmap.web.LogInHandlers;
import dev.sessionmap.web.SqlStatements;

/**
 * The application the integration suites run, as a user would write it; each suite starts
 * it itself (one or two instances) on its own database.
 */
@SpringBootApplication
@Import(LogInHandlers.class)
class IntegrationTestApplication {

    /**
     * Starts an instance on a free port, on the datastore store, with the shipped schema
     * file and validation.
     */
    static ConfigurableApplicationContext start(String url, String username, String password, String... properties) {
        SpringApplication application = new SpringApplicationBuilder(IntegrationTestApplication.class,
                SqlStatements.Registration.class)
            .web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off", "spring.jmx.enabled=false",
                    "spring.datasource.url=" + url, "spring.datasource.username=" + username,
                    "spring.datasource.password=" + password, "app.session.datastore.initialize-schema=always",
                    "spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false")
            .properties(properties)
            .build();
        return application.run();
    }

    /**
     * Text beyond ASCII (an emoji needs 4 bytes in UTF-8) and, at 200 000 characters,
     * beyond a 64 KB column.
     */
    static String text(int size) {
        return "ü 漢字 😀 " + "x".repeat(size);
    }

    @Bean
    Gates gates() {
        return new Gates();
    }

    @RestController
    static class Handlers {

        private final Gates gates;

        Handlers(Gates gates) {
            this.gates = gates;
        }

        @GetMapping("/noop")
        String noop() {
            return "ok";
        }

        @GetMapping("/counter")
        String counter(SessionMap session) {
            int count = session.get("count", 0) + 1;
            session.put("count", count);
            return Integer.toString(count);
        }

        @GetMapping("/counter/atomic")
        String atomicCounter(SessionMap session) {
            return String.valueOf(session.merge("count", 1, (a, b) -> (Integer) a + (Integer) b));
        }

        @GetMapping("/put")
        String put(SessionMap session, @RequestParam String key, @RequestParam String value) {
            session.put(key, value);
            return "ok";
        }

        @GetMapping("/text")
        String text(SessionMap session, @RequestParam int size) {
            session.put("text", IntegrationTestApplication.text(size));
            return "ok";
        }

        @GetMapping("/dump")
        Map<String, Object> dump(SessionMap session) {
            return new LinkedHashMap<>(session);
        }

        /**
         * Loads the session, waits at the named gate, then does {@code op}: put, merge or
         * get-put; answers with a body, so the session is saved as it is written, or with
         * none ({@code empty}), so it is saved when the request ends.
         */
        @GetMapping("/held")
        ResponseEntity<String> held(SessionMap session, @RequestParam String gate, @RequestParam String op,
                @RequestParam String key, @RequestParam(defaultValue = "") String value,
                @RequestParam(defaultValue = "false") boolean empty) {
            session.size();
            this.gates.pass(gate);
            switch (op) {
                case "put" -> session.put(key, value);
                case "merge" -> session.merge(key, 1, (a, b) -> (Integer) a + (Integer) b);
                case "get-put" -> session.put(key, session.get(key, 0) + 1);
                case "read" -> session.get(key);
                default -> throw new IllegalArgumentException(op);
            }
            return empty ? ResponseEntity.noContent().build() : ResponseEntity.ok("ok");
        }

        /**
         * One request of the load test: the thread's own key, the shared key, and the
         * shared counter.
         */
        @GetMapping("/load")
        String load(SessionMap session, @RequestParam int thread, @RequestParam int seq) {
            session.put("thread-" + thread, seq);
            session.put("shared", thread + "/" + seq);
            session.merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
            return "ok";
        }

    }

}
