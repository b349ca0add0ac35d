package dev.flinkregistry.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries the console's session cookie (and no bearer token): with the
 * API token the session signed in with, checked again now (a revoked or expired token ends the
 * session), or as the user who signed in through the OpenID Connect provider, with today's roles.
 * The caller is recorded as coming from the session, not as signing in now: a sign-in would make
 * Spring's session strategies run, and the CSRF one would delete the session's CSRF cookie on every
 * read, so that the browser's next change failed.
 */
final class SessionAuthenticationFilter extends OncePerRequestFilter {

    /** Where the chain's filters look for a caller already known for this request (the chain's own repository). */
    private static final RequestAttributeSecurityContextRepository CONTEXTS = new RequestAttributeSecurityContextRepository();

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
            authenticate(oidc.get().principalOf(user), request, response);
        } else if (bySession && session.getAttribute(SessionController.TOKEN_ATTRIBUTE) instanceof String token) {
            Optional<RegistryPrincipal> principal;
            try {
                principal = credentials.principalOf(token);
            } catch (InvalidBearerTokenException ended) {
                principal = Optional.empty();
            }
            if (principal.isPresent()) {
                authenticate(new RegistryAuthentication(principal.get()), request, response);
            } else {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private static void authenticate(Authentication authentication, HttpServletRequest request,
                                     HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
    }
}
