package dev.sessionmap.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.sessionmap.core.SessionMap;

/** Logging a member in and out: the session holds the member's id, under {@link Members#MEMBER_ID}. */
@Controller
class MemberController {

    private final Members members;

    MemberController(Members members) {
        this.members = members;
    }

    @GetMapping("/login")
    String loginForm(SessionMap session, Model model) {
        // Django's test cookie: if it does not come back with the form, the browser keeps no cookies.
        session.setTestCookie();
        return form(model);
    }

    // No throttling: a real site limits failed log-ins per account and address (a rate limiter or a
    // lock-out) so that passwords cannot be guessed at the server's speed.
    @PostMapping("/login")
    String logIn(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            SessionMap session, Model model) {
        if (!session.testCookieWorked()) {
            return refuse(model, "Please enable cookies and try again.");
        }
        @Nullable Member member = this.members.authenticate(username, password);
        if (member == null) {
            return refuse(model, "Unknown username or wrong password.");
        }
        // A new session id at log-in, so an id an attacker planted before is worthless (session fixation).
        session.deleteTestCookie();
        session.rotateId();
        session.put(Members.MEMBER_ID, member.id());
        session.flash("Welcome, " + member.name() + ".");
        return "redirect:/";
    }

    @PostMapping("/logout")
    String logOut(SessionMap session) {
        // Like Django's logout(): the whole session goes, not only the member's id.
        session.invalidate();
        session.flash("You are logged out.");
        return "redirect:/";
    }

    private String refuse(Model model, String message) {
        model.addAttribute(SitePages.MESSAGES, List.of(message));
        return form(model);
    }

    private String form(Model model) {
        model.addAttribute("members", this.members.all());
        return "login";
    }
}
