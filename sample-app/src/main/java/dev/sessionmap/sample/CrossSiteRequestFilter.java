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
 * Refuses a POST that is not shown to come from this site's own pages, against cross-site request
 * forgery, including a forged log-in form, which {@code SameSite=Lax} cannot stop since it needs no
 * cookie. A POST passes only when {@code Sec-Fetch-Site} is {@code same-origin} or {@code none}, or,
 * without that header (older browsers, which may ignore {@code SameSite} too), when {@code Origin}
 * equals the request's own scheme and {@code Host}; with neither header it proves nothing and is
 * refused. Behind a TLS proxy, set {@code server.forward-headers-strategy} so the scheme is right.
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
        return origin != null && sameOrigin(origin, request.getScheme(), request.getHeader("Host"));
    }

    private static boolean sameOrigin(String origin, String scheme, @Nullable String host) {
        try {
            URI uri = URI.create(origin);
            return scheme.equalsIgnoreCase(uri.getScheme()) && uri.getRawAuthority() != null
                    && uri.getRawAuthority().equalsIgnoreCase(host);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
