package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Principals of checked OpenID Connect tokens are used again for a few seconds, and never longer
 * than the token is valid or than the roles they hold are true. The checks here stand in for
 * Spring Security's decoder and validators (a counting fake, for this cache alone); the whole chain
 * runs against a real OIDC provider in {@code OidcAuthenticationTest}.
 */
class RememberedPrincipalsTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger checks = new AtomicInteger();
    private final MembershipDirectory memberships = new MembershipDirectory() {
        @Override
        public Map<String, Role> rolesOf(String user) {
            return Map.of();
        }

        @Override
        public boolean isPlatformAdmin(String user) {
            return false;
        }

        @Override
        public long generation() {
            return generation.get();
        }
    };
    private RememberedPrincipals remembered;

    /** A token "good-<name>-<expiry epoch second>" passes and is remembered as the checks would; others fail. */
    private RememberedPrincipals principals() {
        remembered = new RememberedPrincipals(authentication -> {
            checks.incrementAndGet();
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (!token.startsWith("good-")) {
                throw new InvalidBearerTokenException("bad token");
            }
            String[] parts = token.split("-");
            RegistryPrincipal principal = new RegistryPrincipal(parts[1], RegistryPrincipal.Kind.USER, false,
                    Map.of("default", Role.VIEWER), null);
            remembered.remember(token, Instant.ofEpochSecond(Long.parseLong(parts[2])), principal, generation.get());
            return new RegistryAuthentication(principal);
        }, memberships, SKEW, clock);
        return remembered;
    }

    private static BearerTokenAuthenticationToken bearer(String token, Object details) {
        BearerTokenAuthenticationToken bearer = new BearerTokenAuthenticationToken(token);
        bearer.setDetails(details);
        return bearer;
    }

    private String goodToken(String user, Duration validFor) {
        return "good-" + user + "-" + START.plus(validFor).getEpochSecond();
    }

    @Test
    void aCheckedTokenIsNotCheckedAgainForAFewSecondsAndEachRequestGetsItsOwnAuthentication() {
        RememberedPrincipals principals = principals();
        String token = goodToken("ada", Duration.ofHours(1));

        Authentication first = principals.authenticate(bearer(token, "request 1"));
        clock.advance(RememberedPrincipals.REMEMBER.minusMillis(1));
        Authentication second = principals.authenticate(bearer(token, "request 2"));

        assertThat(checks).hasValue(1);
        assertThat(second).isNotSameAs(first).isInstanceOf(RegistryAuthentication.class);
        assertThat(second.getPrincipal()).isEqualTo(first.getPrincipal());
        assertThat(second.getName()).isEqualTo("ada");
        assertThat(second.getDetails()).isEqualTo("request 2");
        assertThat(second.isAuthenticated()).isTrue();
    }

    @Test
    void afterAFewSecondsTheTokenIsCheckedAgain() {
        RememberedPrincipals principals = principals();
        String token = goodToken("ada", Duration.ofHours(1));

        principals.authenticate(bearer(token, null));
        clock.advance(RememberedPrincipals.REMEMBER);
        principals.authenticate(bearer(token, null));

        assertThat(checks).hasValue(2);
    }

    @Test
    void neverPastTheTokensExpiryAndClockSkew() {
        RememberedPrincipals principals = principals();
        // Expired 28 s ago: with the 30 s skew it is valid for 2 s more, so remembered for those 2 s only.
        String shortLived = goodToken("ada", Duration.ofSeconds(-28));

        principals.authenticate(bearer(shortLived, null));
        clock.advance(Duration.ofSeconds(2));
        principals.authenticate(bearer(shortLived, null));

        assertThat(checks).as("2 s after the check the token is past exp + skew: checked again").hasValue(2);
    }

    @Test
    void aGrantOrRevocationOnThisReplicaMakesEveryPrincipalBeDerivedAgain() {
        RememberedPrincipals principals = principals();
        String token = goodToken("ada", Duration.ofHours(1));

        principals.authenticate(bearer(token, null));
        generation.incrementAndGet();
        principals.authenticate(bearer(token, null));
        principals.authenticate(bearer(token, null));

        assertThat(checks).hasValue(2);
    }

    @Test
    void aTokenThatFailsIsNeverRememberedAndAnotherTokenIsNotTakenForIt() {
        RememberedPrincipals principals = principals();
        principals.authenticate(bearer(goodToken("ada", Duration.ofHours(1)), null));

        assertThatThrownBy(() -> principals.authenticate(bearer("forged-ada", null)))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> principals.authenticate(bearer("forged-ada", null)))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThat(principals.authenticate(bearer(goodToken("bob", Duration.ofHours(1)), null)).getName())
                .isEqualTo("bob");
        assertThat(checks).hasValue(4);
    }

    @Test
    void rememberedTokensAreBounded() {
        RememberedPrincipals principals = principals();
        for (int i = 0; i < RememberedPrincipals.MAX_TOKENS + 10; i++) {
            principals.authenticate(bearer(goodToken("user" + i, Duration.ofHours(1)), null));
        }

        assertThat(remembered.size()).isLessThanOrEqualTo(RememberedPrincipals.MAX_TOKENS);
    }
}
