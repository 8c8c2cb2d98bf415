package dev.sessionmap.web;

import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's saved request, as the servlet session stores it: never the visitor's cookies, which would put
 * the session's own token inside the session (and, on the cookie store, the cookie inside itself).
 */
class SavedRequestAttributeTests {

    private final AttributeTypes types = AttributeTypes.allowing(List.of(), getClass().getClassLoader());

    @Test
    void aSavedRequestKeepsWhereToGoBackButNotTheCookiesItCameWith() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/account");
        request.setQueryString("tab=orders");
        request.addHeader("Accept", "text/html");
        request.addHeader("Cookie", "sessionid=secret-token; theme=dark");
        request.setCookies(new Cookie("sessionid", "secret-token"), new Cookie("theme", "dark"));
        DefaultSavedRequest saved = new DefaultSavedRequest(request);

        JsonNode json = this.types.encode("SPRING_SECURITY_SAVED_REQUEST", saved);
        System.out.println(json);

        assertThat(json.toString()).doesNotContain("secret-token");
        DefaultSavedRequest read = (DefaultSavedRequest) this.types.decode("SPRING_SECURITY_SAVED_REQUEST", json);
        assertThat(read.getRedirectUrl()).isEqualTo(saved.getRedirectUrl());
        assertThat(read.getHeaderValues("Accept")).containsExactly("text/html");
    }
}
