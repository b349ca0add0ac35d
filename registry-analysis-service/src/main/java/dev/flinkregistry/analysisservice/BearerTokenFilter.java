package dev.flinkregistry.analysisservice;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request but the health probes (which the kubelet sends without credentials) must carry
 * {@code Authorization: Bearer <registry.analysis.remote.token>}; others get 401 {@code UNAUTHENTICATED}
 * before anything of theirs is read. The comparison takes the same time whatever the guess.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "bearer ";

    private final byte[] expected;

    BearerTokenFilter(ServiceSettings settings) {
        this.expected = settings.remote().token() == null ? null : digest(settings.remote().token());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expected == null || authorized(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"registry-analysis-service\"");
        response.setHeader("Connection", "close");
        ServiceProblems.write(response, 401, "UNAUTHENTICATED", "This service answers only the registry server: send "
                + "Authorization: Bearer <registry.analysis.remote.token>");
    }

    private boolean authorized(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        // Digests of equal length: isEqual then takes the same time whatever was sent.
        return MessageDigest.isEqual(expected, digest(header.substring(BEARER.length()).strip()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
