package dev.sessionmap.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionmap.core.SessionMap;

/**
 * Runs a request's program on the visitor's session and answers what the session held
 * before and after, and what the reads returned.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ModelTestApplication.Programs.class)
class ModelTestApplication {

    @RestController
    static class Programs {

        @PostMapping("/program")
        Map<String, Object> run(@RequestBody List<Map<String, Object>> ops, SessionMap session,
                HttpServletRequest request) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("before", SessionProgram.copy(new LinkedHashMap<>(session)));
            List<SessionProgram.Op> program = ops.stream().map(SessionProgram.Op::fromJson).toList();
            answer.put("results", SessionProgram.run(program, session, SessionProgram.of(session, request)));
            answer.put("after", SessionProgram.copy(new LinkedHashMap<>(session)));
            return answer;
        }

    }

}
