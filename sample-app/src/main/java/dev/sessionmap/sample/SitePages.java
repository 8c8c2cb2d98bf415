package dev.sessionmap.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.sessionmap.core.SessionMap;

/**
 * What every page's layout shows: who is logged in, and the messages for this visitor.
 */
@ControllerAdvice(assignableTypes = { HomeController.class, CommentController.class, MemberController.class,
        SessionsController.class })
class SitePages {

    /**
     * The model attribute with the messages the layout shows above the page, a list of
     * strings.
     */
    static final String MESSAGES = "messages";

    private final Members members;

    SitePages(Members members) {
        this.members = members;
    }

    /** The member Spring Security has logged in on this session, or {@code null}. */
    @ModelAttribute("member")
    @Nullable Member member(@AuthenticationPrincipal @Nullable UserDetails user) {
        return (user != null) ? this.members.named(user.getUsername()) : null;
    }

    /**
     * The flash messages left by the previous request (a redirect after a post), shown
     * once.
     */
    @ModelAttribute(MESSAGES)
    List<String> messages(SessionMap session) {
        return session.consumeFlashes();
    }

}
