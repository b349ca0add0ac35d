package dev.flinkregistry.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries the console's session cookie (and no bearer token): with the
 * API token the session signed in with, checked again now (a revoked or expired token ends the
 * session), or as the user who signed in through the OpenID Connect provider, with today's roles.
 */
final class SessionAuthenticationFilter extends OncePerRequestFilter {

    private final CredentialStore credentials;
    private final Optional<OidcSignIn> oidc;

    SessionAuthenticationFilter(CredentialStore credentials, Optional<OidcSignIn> oidc) {
        this.credentials = credentials;
        this.oidc = oidc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        boolean bySession = session != null && !BearerTokens.present(request);
        if (bySession && oidc.isPresent()
                && session.getAttribute(OidcSignIn.USER_ATTRIBUTE) instanceof OidcSignIn.SignedInUser user) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(oidc.get().principalOf(user));
            SecurityContextHolder.setContext(context);
        } else if (bySession && session.getAttribute(SessionController.TOKEN_ATTRIBUTE) instanceof String token) {
            Optional<RegistryPrincipal> principal;
            try {
                principal = credentials.principalOf(token);
            } catch (InvalidBearerTokenException ended) {
                principal = Optional.empty();
            }
            if (principal.isPresent()) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new RegistryAuthentication(principal.get()));
                SecurityContextHolder.setContext(context);
            } else {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}
