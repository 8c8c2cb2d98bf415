package dev.sessionmap.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.sessionmap.core.SessionMap;

/**
 * The classic "post a comment once" example: the session remembers that this visitor has
 * commented.
 */
@Controller
class CommentController {

    static final String HAS_COMMENTED = "has_commented";

    private final CommentBoard board;

    private final Members members;

    CommentController(CommentBoard board, Members members) {
        this.board = board;
        this.members = members;
    }

    @GetMapping("/comments")
    String comments(Model model) {
        model.addAttribute("comments", this.board.newestFirst());
        return "comments";
    }

    @PostMapping("/comments")
    String post(@RequestParam(defaultValue = "") String text, @AuthenticationPrincipal @Nullable UserDetails user,
            SessionMap session) {
        if (session.get(HAS_COMMENTED, false)) {
            return done(session, "You have already commented. One comment per visitor, thank you!");
        }
        String comment = text.strip();
        if (comment.isEmpty()) {
            return done(session, "Write something first.");
        }
        if (comment.length() > CommentBoard.MAX_LENGTH) {
            return done(session, "A comment is at most " + CommentBoard.MAX_LENGTH + " characters.");
        }
        @Nullable Member member = (user != null) ? this.members.named(user.getUsername()) : null;
        this.board.add(new CommentBoard.Comment((member != null) ? member.name() : "A visitor", comment));
        session.put(HAS_COMMENTED, true);
        return done(session, "Thanks for your comment!");
    }

    /**
     * Shows the outcome of a post on the next page, as a flash message (post, redirect,
     * get).
     */
    private String done(SessionMap session, String message) {
        session.flash(message);
        return "redirect:/comments";
    }

}
