package dev.flinkregistry.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Whether a request authenticates with a bearer token, the way Spring Security's resolver reads it
 * ({@code Authorization: Bearer ...}, any case). Any other {@code Authorization} header is not a
 * credential: it must neither stand in for the session's own check nor skip the CSRF check.
 */
final class BearerTokens {

    private BearerTokens() {}

    static boolean present(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.length() > 7 && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
    }
}
