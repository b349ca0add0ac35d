package dev.flinkregistry.client;

import java.util.Map;

/**
 * The registry did not accept the caller (401): no token was sent ({@code AUTHENTICATION_REQUIRED}),
 * or the token was refused ({@code INVALID_TOKEN}: unknown, expired, revoked, or a JWT the registry
 * does not trust). The answer is final: it is not tried on another server. A client with
 * {@link ClientCredentials} fetches a new token once before it gives up.
 */
public class AuthenticationException extends RegistryProblemException {

    /** A 401 answer with its problem code, detail and other members. */
    public AuthenticationException(String code, String detail, Map<String, Object> properties) {
        super(describe(code, detail), 401, code, detail, properties);
    }

    /** Whether a token was sent and refused, as opposed to none being sent at all. */
    public boolean tokenRefused() {
        return !"AUTHENTICATION_REQUIRED".equals(code());
    }

    private static String describe(String code, String detail) {
        return "AUTHENTICATION_REQUIRED".equals(code)
                ? "The registry needs a token, and none was sent (401 " + code + "): give the client one, with "
                        + "token(…) or clientCredentials(…)"
                : "The registry refused the token (401 " + code + "): " + detail;
    }
}
