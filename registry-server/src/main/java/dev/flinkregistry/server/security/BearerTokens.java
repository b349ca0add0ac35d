package dev.flinkregistry.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The bearer token of a request ({@code Authorization: Bearer ...}, any case), read as Spring
 * Security's {@link DefaultBearerTokenResolver} reads it with its defaults (the header only, never a
 * query or form parameter). A well-formed header is read here in one pass: Spring's resolver matches
 * it with a case-insensitive regular expression, and a request reads its token more than once, which
 * for an OpenID Connect access token of about a kilobyte cost more CPU than the resolve it carried.
 * Every other header goes to Spring's resolver, so that refusals are Spring's own
 * ({@code BearerTokensTest} checks both agree on generated headers).
 */
final class BearerTokens {

    private static final String PREFIX = "Bearer ";
    private static final DefaultBearerTokenResolver SPRING = new DefaultBearerTokenResolver();

    private BearerTokens() {}

    /** Whether the request carries a bearer token: any other {@code Authorization} header is not a credential. */
    static boolean present(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.length() > PREFIX.length() && startsWithPrefix(header);
    }

    /**
     * The request's bearer token, or null without one; a malformed {@code Authorization: Bearer}
     * header is refused as Spring Security refuses it ({@code invalid_token}).
     */
    static String resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && startsWithPrefix(header) && wellFormedToken(header, PREFIX.length())) {
            return header.substring(PREFIX.length());
        }
        return SPRING.resolve(request);
    }

    /** Whether the header starts with {@code Bearer } in any case. */
    private static boolean startsWithPrefix(String header) {
        return header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** RFC 6750's b64token: one or more of ALPHA, DIGIT, "-", ".", "_", "~", "+", "/", then any "=". */
    private static boolean wellFormedToken(String header, int from) {
        int i = from;
        while (i < header.length() && tokenCharacter(header.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < header.length() && header.charAt(i) == '=') {
            i++;
        }
        return i == header.length();
    }

    private static boolean tokenCharacter(char c) {
        return c < TOKEN_CHARACTERS.length && TOKEN_CHARACTERS[c];
    }

    /** By ASCII code: ALPHA, DIGIT and "-", ".", "_", "~", "+", "/"; one lookup per character of a long token. */
    private static final boolean[] TOKEN_CHARACTERS = new boolean[128];

    static {
        for (char c = 0; c < TOKEN_CHARACTERS.length; c++) {
            TOKEN_CHARACTERS[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }
}
