package dev.sessionmap.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.sessionmap.core.SessionMap;

/**
 * A small application with one handler per kind of response, to test the lifecycle over
 * real HTTP.
 */
@SpringBootApplication
@Import(LogInHandlers.class)
class LifecycleTestApplication {

    static int increment(SessionMap session) {
        int count = session.get("count", 0) + 1;
        session.put("count", count);
        return count;
    }

    static void fill(SessionMap session, int size) {
        increment(session);
        session.put("fill", "x".repeat(size));
    }

    @Controller
    static class Handlers {

        @GetMapping("/noop")
        @ResponseBody
        String noop() {
            return "ok";
        }

        @GetMapping("/read")
        @ResponseBody
        String read(SessionMap session) {
            return String.valueOf(session.get("count", 0));
        }

        @GetMapping("/counter")
        @ResponseBody
        String counter(SessionMap session) {
            return String.valueOf(increment(session));
        }

        @GetMapping("/entity")
        ResponseEntity<String> entity(SessionMap session) {
            return ResponseEntity.ok().header("X-Kind", "entity").body(String.valueOf(increment(session)));
        }

        @GetMapping("/entity-empty")
        ResponseEntity<Void> entityEmpty(SessionMap session) {
            increment(session);
            return ResponseEntity.noContent().build();
        }

        @GetMapping("/view")
        String view(SessionMap session, Model model) {
            model.addAttribute("count", increment(session));
            return "counter";
        }

        @GetMapping("/redirect")
        String redirect(SessionMap session) {
            increment(session);
            return "redirect:/noop";
        }

        @GetMapping("/large")
        @ResponseBody
        String large(SessionMap session) {
            increment(session);
            return "x".repeat(1_000_000);
        }

        @GetMapping("/direct")
        void direct(SessionMap session, HttpServletResponse response) throws IOException {
            int count = increment(session);
            response.setContentType("text/plain");
            response.getWriter().write(String.valueOf(count));
            response.flushBuffer();
        }

        /**
         * The body begins, and only then does the session change, as when a view creates
         * a CSRF token mid-page.
         */
        @GetMapping("/write-then-change")
        void writeThenChange(SessionMap session, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("count: ");
            response.getWriter().write(String.valueOf(increment(session)));
        }

        /**
         * The session changes after more body than any container buffers: too late, and
         * said so.
         */
        @GetMapping("/commit-then-change")
        void commitThenChange(SessionMap session, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("x".repeat(9000));
            session.put("late", true);
        }

        @GetMapping("/late")
        @ResponseBody
        String late(SessionMap session) {
            return String.valueOf(session.get("late"));
        }

        /**
         * A bare {@code println()} as the first output: PrintWriter writes its line
         * separator past most overrides.
         */
        @GetMapping("/println")
        void println(SessionMap session, HttpServletResponse response) throws IOException {
            increment(session);
            response.setContentType("text/plain");
            response.getWriter().println();
            response.getWriter().flush();
        }

        @GetMapping("/fail")
        @ResponseBody
        String fail(SessionMap session) {
            increment(session);
            throw new IllegalStateException("handler failed");
        }

        @GetMapping("/fail-entity")
        ResponseEntity<String> failEntity(SessionMap session) {
            increment(session);
            return ResponseEntity.internalServerError().body("failed");
        }

        @GetMapping("/fill")
        @ResponseBody
        String fill(SessionMap session, @RequestParam int size) {
            LifecycleTestApplication.fill(session, size);
            return "filled";
        }

        @GetMapping("/fill-empty")
        ResponseEntity<Void> fillEmpty(SessionMap session, @RequestParam int size) {
            LifecycleTestApplication.fill(session, size);
            return ResponseEntity.noContent().build();
        }

        @GetMapping("/fill-redirect")
        String fillRedirect(SessionMap session, @RequestParam int size) {
            LifecycleTestApplication.fill(session, size);
            return "redirect:/noop";
        }

        @GetMapping("/cached")
        ResponseEntity<String> cached(SessionMap session) {
            return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .varyBy("Accept-Language")
                .body(String.valueOf(session.get("count", 0)));
        }

    }

}
