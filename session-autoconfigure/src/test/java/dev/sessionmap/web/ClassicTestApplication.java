package dev.sessionmap.web;

import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

import dev.sessionmap.core.SessionMap;
import dev.sessionmap.integration.Gates;
import dev.sessionmap.test.MovableClock;

/**
 * A small application with one handler per classic session feature and a
 * {@link MovableClock}, for the tests over real HTTP. Marked a test component, so that
 * other test applications' component scans skip it, and it scans nothing itself.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@TestComponent
@EnableAutoConfiguration
@Import({ ClassicTestApplication.Handlers.class, HttpSessionHandlers.class, LogInHandlers.class })
class ClassicTestApplication {

    @Bean
    MovableClock clock() {
        return new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Bean
    Gates gates() {
        return new Gates();
    }

    @Controller
    @ResponseBody
    static class Handlers {

        private final Gates gates;

        Handlers(Gates gates) {
            this.gates = gates;
        }

        /**
         * Reads the session, then waits at the named gate: a request of the visitor's
         * page still in flight.
         */
        @GetMapping("/held")
        String held(SessionMap session, @RequestParam String gate) {
            String count = String.valueOf(session.get("count", 0));
            this.gates.pass(gate);
            return count;
        }

        @GetMapping("/noop")
        String noop() {
            return "ok";
        }

        @GetMapping("/read")
        String read(SessionMap session) {
            return String.valueOf(session.get("count", 0));
        }

        @GetMapping("/counter")
        String counter(SessionMap session) {
            return String.valueOf(LifecycleTestApplication.increment(session));
        }

        @GetMapping("/timeout")
        String timeout(SessionMap session, @RequestParam int minutes) {
            session.setTimeout(Duration.ofMinutes(minutes));
            return String.valueOf(LifecycleTestApplication.increment(session));
        }

        /**
         * The "remember me" box: checked, a 30-day session; unchecked, a cookie the
         * browser drops when it closes.
         */
        @GetMapping("/remember")
        String remember(SessionMap session, @RequestParam boolean me) {
            session.put("member", "ann");
            session.setExpireAtBrowserClose(!me);
            if (me) {
                session.setTimeout(Duration.ofDays(30));
            }
            return "ok";
        }

        @GetMapping("/times")
        String times(SessionMap session) {
            return session.createdAt() + "," + session.lastAccessedAt() + "," + session.expiresAt();
        }

        @GetMapping("/save-then-fail")
        String saveThenFail(SessionMap session) {
            session.put("saved", true);
            session.save();
            session.put("unsaved", true);
            throw new IllegalStateException("failed after an explicit save");
        }

        @GetMapping("/save-then-change")
        String saveThenChange(SessionMap session) {
            session.put("first", 1);
            session.save();
            session.put("second", 2);
            return "ok";
        }

        @GetMapping("/keys")
        String keys(SessionMap session) {
            return String.join(",", session.keySet());
        }

        @GetMapping("/flash")
        String flash(SessionMap session, @RequestParam String message) {
            session.flash(message);
            return "ok";
        }

        @GetMapping("/flashes")
        String flashes(SessionMap session) {
            return String.join(",", session.consumeFlashes());
        }

        @GetMapping("/test-cookie/set")
        String setTestCookie(SessionMap session) {
            session.setTestCookie();
            return "set";
        }

        @GetMapping("/test-cookie/check")
        String checkTestCookie(SessionMap session) {
            boolean worked = session.testCookieWorked();
            session.deleteTestCookie();
            return worked ? "cookies work" : "cookies are off";
        }

        @GetMapping("/flash-attribute")
        RedirectView flashAttribute(RedirectAttributes attributes) {
            attributes.addFlashAttribute("message", "Profile saved");
            return new RedirectView("/show");
        }

        @GetMapping("/show")
        String show(Model model, HttpServletRequest request) {
            // The servlet session, if there is one, must be the visitor's sessionmap
            // session, never the container's.
            HttpSession servletSession = request.getSession(false);
            String container = (servletSession != null && !(servletSession instanceof SessionMapHttpSession))
                    ? "+ContainerSession" : "";
            return model.getAttribute("message") + container;
        }

    }

}
