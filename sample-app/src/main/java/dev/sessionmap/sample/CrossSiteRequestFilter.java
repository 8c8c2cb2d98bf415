package dev.sessionmap.sample;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request (a POST) that a browser sends on behalf of another site, against
 * cross-site request forgery. The session cookie's {@code SameSite=Lax} already keeps it off such a
 * request, but that does not stop a forged log-in form, which needs no cookie; this filter does. It
 * reads the {@code Sec-Fetch-Site} header that current browsers send, falling back to comparing
 * {@code Origin} with {@code Host}. Requests with neither header do not come from a browser page
 * and pass.
 */
@Component
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod()) || fromThisSite(request)) {
            chain.doFilter(request, response);
        }
        else {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Cross-site request refused");
        }
    }

    static boolean fromThisSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            // "none": the user started it (typed the address, a bookmark), not a page.
            return fetchSite.equals("same-origin") || fetchSite.equals("none");
        }
        String origin = request.getHeader("Origin");
        return origin == null || sameAuthority(origin, request.getHeader("Host"));
    }

    private static boolean sameAuthority(String origin, @Nullable String host) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
