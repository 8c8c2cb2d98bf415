package dev.sessionmap.web;

import java.util.Collections;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.sessionmap.core.SessionMap;
import dev.sessionmap.core.SessionValueException;

/**
 * Handlers that use the plain servlet {@link HttpSession} API, as Spring Security and
 * older code do.
 */
@Controller
@ResponseBody
@TestComponent
class HttpSessionHandlers {

    @GetMapping("/http/exists")
    String exists(HttpServletRequest request) {
        return String.valueOf(request.getSession(false) != null);
    }

    @GetMapping("/http/create")
    String create(HttpServletRequest request) {
        return String.valueOf(request.getSession().isNew());
    }

    @GetMapping("/http/set")
    String set(HttpServletRequest request, @RequestParam String name, @RequestParam String value) {
        request.getSession().setAttribute(name, value);
        return "set";
    }

    @GetMapping("/http/set-long")
    String setLong(HttpServletRequest request) {
        request.getSession().setAttribute("big", 5_000_000_000L);
        return "set";
    }

    @GetMapping("/http/get")
    String get(HttpServletRequest request, @RequestParam String name) {
        HttpSession session = request.getSession(false);
        Object value = (session != null) ? session.getAttribute(name) : null;
        return (value != null) ? value.getClass().getSimpleName() + ":" + value : "none";
    }

    @GetMapping("/http/names")
    String names(HttpServletRequest request) {
        return String.join(",", Collections.list(request.getSession().getAttributeNames()));
    }

    @GetMapping("/http/unlisted")
    String unlisted(HttpServletRequest request) {
        try {
            request.getSession().setAttribute("cart", new Cart(3));
            return "stored";
        }
        catch (SessionValueException ex) {
            return ex.getMessage();
        }
    }

    @GetMapping("/http/invalidate-then-read")
    String invalidateThenRead(HttpServletRequest request) {
        HttpSession session = request.getSession();
        session.invalidate();
        try {
            session.getAttribute("count");
            return "readable";
        }
        catch (IllegalStateException ex) {
            return "invalidated; new session: " + request.getSession().isNew();
        }
    }

    @GetMapping("/http/change-id")
    String changeId(HttpServletRequest request) {
        String before = request.getSession().getId();
        String after = request.changeSessionId();
        return String.valueOf(!before.equals(after) && after.equals(request.getSession().getId()));
    }

    @GetMapping("/http/id")
    String id(HttpServletRequest request) {
        return Objects.requireNonNull(request.getSession(false)).getId();
    }

    @GetMapping("/http/valid")
    String valid(HttpServletRequest request) {
        return String.valueOf(request.isRequestedSessionIdValid());
    }

    @GetMapping("/http/max-inactive")
    String maxInactive(HttpServletRequest request, SessionMap map, @RequestParam int seconds) {
        request.getSession().setMaxInactiveInterval(seconds);
        return map.getTimeout().toSeconds() + "/" + request.getSession().getMaxInactiveInterval();
    }

    record Cart(int items) {
    }

}
