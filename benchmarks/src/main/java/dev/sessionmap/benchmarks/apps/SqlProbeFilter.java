package dev.sessionmap.benchmarks.apps;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the SQL of each request that carries an {@code X-Bench-Probe} header, under
 * that header's value.
 */
final class SqlProbeFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Bench-Probe";

    private final SqlProbes probes;

    SqlProbeFilter(SqlProbes probes) {
        this.probes = probes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String probe = request.getHeader(HEADER);
        if (probe == null) {
            chain.doFilter(request, response);
            return;
        }
        this.probes.begin();
        try {
            chain.doFilter(request, response);
        }
        finally {
            this.probes.end(probe);
        }
    }

}
