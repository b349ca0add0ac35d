package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * {@link BearerTokens#resolve} against Spring Security's {@link DefaultBearerTokenResolver}: the same
 * token, or the same refusal, for 50,000 generated {@code Authorization} headers (schemes in any case,
 * with no, one or two spaces, tokens of every allowed character with and without trailing '=', and
 * with spaces, tabs, commas, quotes, '=' inside, non-ASCII letters and emoji mixed in), for no header
 * at all, and for a token in the query string, which neither reads.
 */
class BearerTokensTest {

    private static final String[] SCHEMES = {"Bearer ", "bearer ", "BEARER ", "bEaReR ", "Bearer", "Bearer  ", "Basic ",
        "Bearer\t", "Bearerx ", "", "Token ", "Bearer =", " Bearer "};
    private static final String TOKEN_CHARACTERS = "abcxyzABCXYZ0189-._~+/";
    private static final String OTHER_CHARACTERS = "= \t,\":;\\é中😀%&";

    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void readsEveryGeneratedHeaderAsSpringSecurityDoes() {
        Random random = new Random(20261204);
        List<String> disagreements = new ArrayList<>();
        int tokens = 0;
        int refusals = 0;
        for (int i = 0; i < 50_000; i++) {
            String header = SCHEMES[random.nextInt(SCHEMES.length)] + token(random);
            String ours = outcome(() -> BearerTokens.resolve(request(header)));
            String theirs = outcome(() -> spring.resolve(request(header)));
            if (!ours.equals(theirs)) {
                disagreements.add(header + " -> " + ours + " vs " + theirs);
            }
            tokens += ours.startsWith("token:") ? 1 : 0;
            refusals += ours.startsWith("refused:") ? 1 : 0;
        }

        assertThat(disagreements).isEmpty();
        // Both kinds of answer occur often: a resolver that always refused or always accepted could not pass.
        assertThat(tokens).isGreaterThan(5_000);
        assertThat(refusals).isGreaterThan(5_000);
    }

    @Test
    void aLongAccessTokenIsReadWhole() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9." + "eyJzdWIiOiJkYXZlIn0".repeat(50) + ".c2ln-_bmF0dXJl==";

        assertThat(BearerTokens.resolve(request("Bearer " + jwt))).isEqualTo(jwt);
    }

    @Test
    void readsNoTokenFromTheQueryStringAndNoneWithoutAHeader() {
        MockHttpServletRequest query = new MockHttpServletRequest("GET", "/api/v1/whoami");
        query.setQueryString("access_token=abc");
        query.addParameter("access_token", "abc");

        assertThat(BearerTokens.resolve(query)).isNull();
        assertThat(spring.resolve(query)).isNull();
        assertThat(BearerTokens.resolve(new MockHttpServletRequest("GET", "/api/v1/whoami"))).isNull();
    }

    private static String token(Random random) {
        StringBuilder token = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            String from = random.nextInt(12) == 0 ? OTHER_CHARACTERS : TOKEN_CHARACTERS;
            token.appendCodePoint(from.codePointAt(from.offsetByCodePoints(0, random.nextInt(from.codePointCount(0, from.length())))));
        }
        if (random.nextInt(4) == 0) {
            token.append("=".repeat(1 + random.nextInt(2)));
        }
        return token.toString();
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/workspaces/default/resolve");
        request.addHeader("Authorization", authorization);
        return request;
    }

    private static String outcome(Supplier<String> resolve) {
        try {
            String token = resolve.get();
            return token == null ? "none" : "token:" + token;
        } catch (OAuth2AuthenticationException refused) {
            return "refused:" + refused.getError().getErrorCode() + ":" + refused.getError().getDescription();
        }
    }
}
