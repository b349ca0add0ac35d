package dev.flinkregistry.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the access tokens it has verified, so that a client sending the same token with every
 * request (a job submitter resolving, a console polling) pays for parsing, the signature check and
 * the claim checks once, not per request.
 *
 * <p>Only tokens that passed every check are kept, under their exact text, so a token that differs
 * in one byte is verified afresh. One is kept until it expires (its {@code exp} plus the clock skew
 * the checks allow) and at most {@link #MAX_AGE}, so that a key the provider withdraws stops working
 * within the time the key set itself is cached. Roles are not kept here: {@link RememberedPrincipals}
 * keeps the principals derived from the claims and today's memberships, for a few seconds.
 */
final class VerifiedJwts implements JwtDecoder {

    /** How long a verified token is trusted without checking it again. */
    static final Duration MAX_AGE = Duration.ofMinutes(1);
    /** Tokens kept at most; beyond that the memory starts afresh (each kept token is a few KB). */
    static final int MAX_ENTRIES = 10_000;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final TokenMemory<Jwt> verified;

    VerifiedJwts(JwtDecoder delegate, Duration clockSkew, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = new TokenMemory<>(MAX_AGE, clockSkew, MAX_ENTRIES);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt known = verified.get(token, now);
        if (known != null) {
            return known;
        }
        Jwt jwt = delegate.decode(token);
        verified.put(token, jwt, now, jwt.getExpiresAt());
        return jwt;
    }

    /** How many verified tokens are kept now. */
    int size() {
        return verified.size();
    }
}
