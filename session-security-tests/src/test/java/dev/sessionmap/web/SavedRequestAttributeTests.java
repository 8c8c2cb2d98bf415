package dev.sessionmap.web;

import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's saved request, as the servlet session stores it: never the visitor's
 * cookies, session-token header or {@code Authorization}, which would put the session's
 * own token (or a password) inside the session, and on the cookie store the cookie inside
 * itself.
 */
class SavedRequestAttributeTests {

    private final AttributeTypes types = AttributeTypes.allowing(List.of(), getClass().getClassLoader(),
            "X-Session-Token");

    @Test
    void aSavedRequestKeepsWhereToGoBackButNotTheCredentialsItCameWith() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/account");
        request.setQueryString("tab=orders");
        request.addHeader("Accept", "text/html");
        request.addHeader("Cookie", "sessionid=secret-token; theme=dark");
        request.setCookies(new Cookie("sessionid", "secret-token"), new Cookie("theme", "dark"));
        request.addHeader("X-Session-Token", "header-secret-token");
        request.addHeader("Authorization", "Basic dXNlcjpwYXNzd29yZA==");
        DefaultSavedRequest saved = new DefaultSavedRequest(request);

        JsonNode json = this.types.encode("SPRING_SECURITY_SAVED_REQUEST", saved);
        assertThat(json.toString()).doesNotContain("secret-token").doesNotContain("dXNlcjpwYXNzd29yZA");
        DefaultSavedRequest read = (DefaultSavedRequest) this.types.decode("SPRING_SECURITY_SAVED_REQUEST", json);
        assertThat(read.getRedirectUrl()).isEqualTo(saved.getRedirectUrl());
        assertThat(read.getHeaderValues("Accept")).containsExactly("text/html");
    }

}
