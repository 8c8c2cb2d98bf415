package dev.sessionmap.sample;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.stereotype.Component;

import dev.sessionmap.core.SessionLifecycle;
import dev.sessionmap.core.SessionMap;
import dev.sessionmap.web.SessionFilter;

/**
 * Says "Welcome" after a log-in and "You are logged out" after a log-out, as a flash
 * message on the page Spring Security redirects to: after a log-in the page that asked
 * for it (the saved request) or {@code /}, after a log-out {@code /}.
 */
@Component
class LogInMessages implements AuthenticationSuccessHandler, LogoutSuccessHandler {

    private final AuthenticationSuccessHandler loggedIn = new SavedRequestAwareAuthenticationSuccessHandler();

    private final LogoutSuccessHandler loggedOut = new SimpleUrlLogoutSuccessHandler();

    private final Members members;

    LogInMessages(Members members) {
        this.members = members;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        Member member = this.members.named(authentication.getName());
        session(request).flash("Welcome, " + ((member != null) ? member.name() : authentication.getName()) + ".");
        this.loggedIn.onAuthenticationSuccess(request, response, authentication);
    }

    /**
     * Spring Security has invalidated the session by now: the message goes into the
     * visitor's new one.
     */
    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
            @Nullable Authentication authentication) throws IOException, ServletException {
        session(request).flash("You are logged out.");
        this.loggedOut.onLogoutSuccess(request, response, authentication);
    }

    /**
     * Outside a handler method there is no {@code SessionMap} parameter; the filter keeps
     * it on the request.
     */
    private static SessionMap session(HttpServletRequest request) {
        SessionLifecycle lifecycle = SessionFilter.lifecycle(request);
        if (lifecycle == null) {
            throw new IllegalStateException("The sessionmap SessionFilter did not run before Spring Security");
        }
        return lifecycle.map();
    }

}
