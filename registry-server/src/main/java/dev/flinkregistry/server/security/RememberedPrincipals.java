package dev.flinkregistry.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The principals of OpenID Connect access tokens that passed every check, remembered by token for
 * a few seconds, so that a job's repeated requests with the same token skip decoding, validating
 * and deriving roles again. Never past the token's expiry (plus the allowed clock skew), never past
 * {@link #REMEMBER} (the time roles are cached anyway), and not once this replica granted or took
 * away a role ({@link MembershipDirectory#generation()}). At most {@link #MAX_TOKENS} tokens.
 */
final class RememberedPrincipals implements AuthenticationManager {

    static final Duration REMEMBER = Duration.ofSeconds(5);
    static final int MAX_TOKENS = 10_000;

    private record Known(RegistryPrincipal principal, long generation) {}

    private final AuthenticationManager checks;
    private final MembershipDirectory memberships;
    private final Clock clock;
    private final TokenMemory<Known> known;

    /** @param checks authenticates a token that is not remembered, and calls {@link #remember} when it passes */
    RememberedPrincipals(AuthenticationManager checks, MembershipDirectory memberships, Duration clockSkew,
                         Clock clock) {
        this.checks = checks;
        this.memberships = memberships;
        this.clock = clock;
        this.known = new TokenMemory<>(REMEMBER, clockSkew, MAX_TOKENS);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        Known remembered = known.get(token, clock.instant());
        if (remembered != null && remembered.generation() == memberships.generation()) {
            // A new authentication per request, with this request's details, as the checks would give.
            RegistryAuthentication again = new RegistryAuthentication(remembered.principal());
            again.setDetails(authentication.getDetails());
            return again;
        }
        return checks.authenticate(authentication);
    }

    /**
     * Remembers the principal derived from a token that passed, until it expires or at most
     * {@link #REMEMBER}; {@code generation} is the roles' generation read before they were derived.
     */
    void remember(String token, Instant expiresAt, RegistryPrincipal principal, long generation) {
        known.put(token, new Known(principal, generation), clock.instant(), expiresAt);
    }

    int size() {
        return known.size();
    }
}
