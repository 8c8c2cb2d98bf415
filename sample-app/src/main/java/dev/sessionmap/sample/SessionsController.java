package dev.sessionmap.sample;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.UserSession;
import dev.sessionmap.core.UserSessions;

/**
 * "Your sessions": where the member is logged in, with a button to log out any other
 * device, or all of them at once. Every action names the member from the request's own
 * log-in, never from the form, so a session id posted by someone else ends nobody's
 * session but their own.
 */
@Controller
class SessionsController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC);

    private final UserSessions sessions;

    SessionsController(UserSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/sessions")
    String sessions(Principal member, Model model) {
        model.addAttribute("canList", this.sessions.canList());
        model.addAttribute("canRevoke", this.sessions.canRevoke());
        if (this.sessions.canList()) {
            Instant now = Instant.now();
            model.addAttribute("sessions",
                    this.sessions.list(member.getName()).stream().map((session) -> Row.of(session, now)).toList());
        }
        return "sessions";
    }

    @PostMapping("/sessions/revoke")
    String revoke(Principal member, @RequestParam(defaultValue = "") String id, SessionMap session) {
        if (!this.sessions.canList()) {
            return done(session, "Sessions cannot be listed here, so none can be picked to log out.");
        }
        // The same answer for an id that is not the member's as for one that ended: it
        // says nothing about other members' sessions.
        boolean revoked = !id.isEmpty() && this.sessions.revoke(member.getName(), id);
        return done(session, revoked ? "That device is logged out." : "That session had already ended.");
    }

    @PostMapping("/sessions/revoke-others")
    String revokeOthers(Principal member, SessionMap session) {
        if (!this.sessions.canRevoke()) {
            return done(session, "Logging out other devices is not available on this site.");
        }
        OptionalInt revoked = this.sessions.revokeOthers(member.getName());
        if (revoked.isEmpty()) {
            return done(session, "Every other device is logged out.");
        }
        int count = revoked.getAsInt();
        return done(session, switch (count) {
            case 0 -> "You were not logged in anywhere else.";
            case 1 -> "1 other device is logged out.";
            default -> count + " other devices are logged out.";
        });
    }

    /** Post, redirect, get: the outcome is a flash message on the list. */
    private static String done(SessionMap session, String message) {
        session.flash(message);
        return "redirect:/sessions";
    }

    /**
     * One session as the page shows it. {@code id} is the hash the store keys it by,
     * which is safe in a page: it does not open the session.
     */
    record Row(String id, String device, @Nullable String userAgent, String created, String lastSeen, String lastSeenAt,
            boolean current) {

        static Row of(UserSession session, Instant now) {
            return new Row(session.id(), Devices.describe(session.userAgent()), session.userAgent(),
                    TIME.format(session.createdAt()), ago(session.lastAccessedAt(), now),
                    TIME.format(session.lastAccessedAt()), session.current());
        }

        private static String ago(Instant then, Instant now) {
            long minutes = Duration.between(then, now).toMinutes();
            if (minutes < 1) {
                return "just now";
            }
            if (minutes < 60) {
                return (minutes == 1) ? "a minute ago" : minutes + " minutes ago";
            }
            long hours = minutes / 60;
            if (hours < 48) {
                return (hours == 1) ? "an hour ago" : hours + " hours ago";
            }
            return (hours / 24) + " days ago";
        }

    }

}
