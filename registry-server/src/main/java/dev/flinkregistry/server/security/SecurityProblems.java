package dev.flinkregistry.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of the security filter chain, as problem documents like every other error: 401
 * {@code AUTHENTICATION_REQUIRED} or {@code INVALID_TOKEN} (with {@code WWW-Authenticate}), 403
 * {@code ACCESS_DENIED} naming the role that was missing or {@code CSRF_TOKEN_MISSING}, and 429
 * {@code TOO_MANY_AUTHENTICATION_FAILURES} for an address that keeps failing.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String REALM = "flink-connector-registry";

    private final JsonMapper json;
    private final AuthenticationFailures failures;

    SecurityProblems(JsonMapper json, AuthenticationFailures failures) {
        this.json = json;
        this.failures = failures;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean badToken = e instanceof InvalidBearerTokenException;
        if (badToken || request.getHeader("Authorization") != null) {
            failures.failed(request.getRemoteAddr());
            String reason = e.getMessage() == null ? "the token is not valid" : e.getMessage();
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", "
                    + "error_description=\"" + reason.replace("\"", "'").replaceAll("[^\\x20-\\x7e]", " ") + "\"");
            write(request, response, HttpStatus.UNAUTHORIZED, "INVALID_TOKEN", "The bearer token was refused: " + reason
                    + ". Send a valid OpenID Connect access token or registry API token (fcr_...).", Map.of());
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        write(request, response, HttpStatus.UNAUTHORIZED, "AUTHENTICATION_REQUIRED", "This needs a signed-in caller: send "
                + "'Authorization: Bearer <token>' with an OpenID Connect access token or a registry API token (fcr_...).",
                Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            write(request, response, HttpStatus.FORBIDDEN, "CSRF_TOKEN_MISSING", "A change made with the session "
                    + "cookie must carry the session's CSRF token in the X-XSRF-TOKEN header.", Map.of());
            return;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        AccessPolicy.requiredRole(request).ifPresent(role -> extra.put("requiredRole", role));
        AccessPolicy.workspaceOf(request).ifPresent(workspace -> extra.put("workspace", workspace));
        write(request, response, HttpStatus.FORBIDDEN, "ACCESS_DENIED", AccessPolicy.denialOf(request)
                .orElse("You may not do this."), extra);
    }

    /**
     * Refuses addresses with too many recent sign-in failures, before their credentials are looked at.
     * Only requests that present credentials (an {@code Authorization} header, or a session sign-in) are
     * refused: health probes and anonymous reads from a shared address (a node, a NAT) keep working.
     */
    OncePerRequestFilter limiter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                boolean signingIn = request.getHeader("Authorization") != null
                        || ("POST".equals(request.getMethod()) && SessionController.PATH.equals(request.getRequestURI()));
                long wait = signingIn ? failures.blockedForSeconds(request.getRemoteAddr()) : 0;
                if (wait > 0) {
                    response.setHeader("Retry-After", String.valueOf(wait));
                    write(request, response, HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_AUTHENTICATION_FAILURES",
                            "Too many failed sign-ins from this address; try again in " + wait + " s.", Map.of());
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                       String detail, Map<String, Object> extra) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:flink-connector-registry:problem:" + code.toLowerCase(Locale.ROOT));
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        problem.putAll(extra);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
