package dev.sessionmap.sample;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.sessionmap.core.SessionMap;

/**
 * The counter page: "You have visited this page N times". It shares its count with
 * {@code /counter}.
 */
@Controller
class HomeController {

    @GetMapping("/")
    String home(SessionMap session, Model model) {
        int count = session.get("count", 0) + 1;
        session.put("count", count);
        model.addAttribute("count", count);
        return "index";
    }

}
