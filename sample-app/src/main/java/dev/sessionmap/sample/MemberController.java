package dev.sessionmap.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The member pages: the log-in form, whose POST Spring Security handles (see
 * {@link SecurityConfiguration}), and the account page, which only a logged-in member
 * sees.
 */
@Controller
class MemberController {

    private final Members members;

    MemberController(Members members) {
        this.members = members;
    }

    // No throttling: a real site limits failed log-ins per account and address (a rate
    // limiter or a
    // lock-out) so that passwords cannot be guessed at the server's speed.
    @GetMapping("/login")
    String loginForm(@RequestParam(required = false) @Nullable String error, Model model) {
        if (error != null) {
            model.addAttribute(SitePages.MESSAGES, List.of("Unknown username or wrong password."));
        }
        model.addAttribute("members", this.members.all());
        return "login";
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal UserDetails user, Model model) {
        model.addAttribute("roles", user.getAuthorities().stream().map(Object::toString).sorted().toList());
        return "account";
    }

}
