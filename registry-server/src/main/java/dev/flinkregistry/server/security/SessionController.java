package dev.flinkregistry.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/session}: a browser (the console) signs in with an API token and from then on
 * sends an HttpOnly, SameSite session cookie instead; every state-changing request made with the
 * cookie must also carry the CSRF token this answer gives (header {@code X-XSRF-TOKEN}). The token
 * stays on the server and is checked again on every request, so revoking it ends the session.
 */
@RestController
class SessionController {

    static final String TOKEN_ATTRIBUTE = SessionController.class.getName() + ".token";
    static final String PATH = "/api/v1/session";

    private final CredentialStore credentials;
    private final boolean oidcSignIn;
    private final AuthenticationFailures failures;
    private final CsrfTokenRepository csrfTokens;

    SessionController(CredentialStore credentials, Optional<OidcSignIn> oidcSignIn, AuthenticationFailures failures,
                      CsrfTokenRepository csrfTokens) {
        this.credentials = credentials;
        this.oidcSignIn = oidcSignIn.isPresent();
        this.failures = failures;
        this.csrfTokens = csrfTokens;
    }

    /**
     * Whether the browser is signed in, as whom, where it signs in through the identity provider
     * (null where none is configured: then with an API token), and the CSRF token its changes carry.
     */
    record SessionStatus(boolean signedIn, WhoAmIController.WhoAmI principal, String signInUrl, String csrfHeader,
                         String csrfToken) {}

    @GetMapping(PATH)
    SessionStatus status(HttpServletRequest http) {
        RegistryPrincipal caller = Principals.current();
        CsrfToken csrf = (CsrfToken) http.getAttribute(CsrfToken.class.getName());
        return new SessionStatus(!caller.isAnonymous(), caller.isAnonymous() ? null : WhoAmIController.describe(caller),
                oidcSignIn ? OidcSignIn.START : null, csrf == null ? null : csrf.getHeaderName(),
                csrf == null ? null : csrf.getToken());
    }

    /** The token to sign in with. */
    record SignIn(@NotBlank String token) {}

    /** Who signed in, and the CSRF token to send with every change. */
    record Session(WhoAmIController.WhoAmI principal, String csrfHeader, String csrfToken) {}

    @PostMapping(PATH)
    Session signIn(@Valid @RequestBody SignIn request, HttpServletRequest http, HttpServletResponse response) {
        RegistryPrincipal principal;
        try {
            principal = credentials.principalOf(request.token().strip())
                    .orElseThrow(() -> new InvalidBearerTokenException("Unknown API token"));
        } catch (InvalidBearerTokenException refused) {
            // Counted like a refused bearer token: guessing through the sign-in is limited the same way.
            failures.failed(http.getRemoteAddr());
            throw refused;
        }
        HttpSession existing = http.getSession(false);
        if (existing != null) {
            http.changeSessionId();
        }
        http.getSession(true).setAttribute(TOKEN_ATTRIBUTE, request.token().strip());
        // A new CSRF token for the new session: one a page saw before the sign-in is worth nothing after it.
        CsrfToken csrf = csrfTokens.generateToken(http);
        csrfTokens.saveToken(csrf, http, response);
        return new Session(WhoAmIController.describe(principal), csrf.getHeaderName(), csrf.getToken());
    }

    @DeleteMapping(PATH)
    ResponseEntity<Void> signOut(HttpServletRequest http) {
        HttpSession session = http.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return ResponseEntity.noContent().build();
    }
}
