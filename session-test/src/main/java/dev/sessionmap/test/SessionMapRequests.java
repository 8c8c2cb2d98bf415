package dev.sessionmap.test;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Seeds and reads the visitor's session in MockMvc tests ({@code @WebMvcTest}, or
 * {@code @SpringBootTest} with {@code @AutoConfigureMockMvc}), in the application's own
 * store, the way Django's test client offers {@code client.session}:
 *
 * <pre>{@code
 * MvcResult result = mvc.perform(get("/counter").with(session(Map.of("count", 41)))).andReturn();
 * assertThat(session(result)).containsEntry("count", 42);
 * }</pre>
 */
public final class SessionMapRequests {

    private SessionMapRequests() {
    }

    /**
     * Gives the request the cookie of a new session holding {@code values}, as if an
     * earlier request had put them.
     */
    public static RequestPostProcessor session(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return (request) -> {
            TestSessions sessions = TestSessions.of(context(request.getServletContext()));
            Cookie cookie = new Cookie(sessions.cookieName(), sessions.create(values));
            Cookie[] cookies = (request.getCookies() != null) ? request.getCookies() : new Cookie[0];
            Cookie[] all = Arrays.copyOf(cookies, cookies.length + 1);
            all[cookies.length] = cookie;
            request.setCookies(all);
            return request;
        };
    }

    /**
     * The visitor's session after the request, as the next request would see it: the one
     * the response's cookie names, or, when the response left the cookie alone, the one
     * the request sent; empty when there is none (the response cleared the cookie, or no
     * session was made).
     */
    public static Map<String, Object> session(MvcResult result) {
        Objects.requireNonNull(result, "result");
        MockHttpServletRequest request = result.getRequest();
        TestSessions sessions = TestSessions.of(context(request.getServletContext()));
        Cookie set = result.getResponse().getCookie(sessions.cookieName());
        if (set != null) {
            return (set.getMaxAge() == 0) ? Map.of() : sessions.read(set.getValue());
        }
        return sessions.read(sent(request, sessions.cookieName()));
    }

    private static @Nullable String sent(MockHttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static WebApplicationContext context(ServletContext servletContext) {
        WebApplicationContext context = WebApplicationContextUtils.findWebApplicationContext(servletContext);
        if (context == null) {
            throw new IllegalStateException("No application context behind this MockMvc: build it with"
                    + " MockMvcBuilders.webAppContextSetup(context) or use @WebMvcTest/@AutoConfigureMockMvc, so the"
                    + " session store can be found");
        }
        return context;
    }

}
