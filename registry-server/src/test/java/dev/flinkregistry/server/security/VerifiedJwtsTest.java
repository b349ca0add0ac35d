package dev.flinkregistry.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.testsupport.TestClock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The memory of verified access tokens, around Spring Security's real Nimbus decoder with real RS256
 * signatures: a token is verified once and then trusted until its expiry (plus the skew) or
 * {@link VerifiedJwts#MAX_AGE}, whichever comes first; a token that failed is never remembered, and
 * one that differs by a byte is verified afresh. Bad inputs tried: a tampered payload after the
 * genuine token was remembered, an expired token that had been remembered, garbage text repeated.
 */
class VerifiedJwtsTest {

    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

    private static NimbusJwtEncoder encoder;
    private static RSAPublicKey publicKey;

    private final TestClock clock = new TestClock(START);
    private final AtomicInteger verifications = new AtomicInteger();
    private VerifiedJwts jwts;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        publicKey = (RSAPublicKey) pair.getPublic();
        encoder = NimbusJwtEncoder.withKeyPair(publicKey, (RSAPrivateKey) pair.getPrivate()).build();
    }

    @BeforeEach
    void decoder() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(publicKey).build();
        JwtTimestampValidator times = new JwtTimestampValidator(SKEW);
        times.setClock(clock);
        nimbus.setJwtValidator(times);
        JwtDecoder counted = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        jwts = new VerifiedJwts(counted, SKEW, clock);
    }

    @Test
    void verifiesATokenOnceWhileItIsUsedAgainAndAgain() {
        String token = token("dave", START.plus(Duration.ofHours(1)));

        for (int i = 0; i < 100; i++) {
            assertThat(jwts.decode(token).getSubject()).isEqualTo("dave");
        }

        assertThat(verifications).hasValue(1);
    }

    @Test
    void verifiesAgainAfterTheMaximumAge() {
        String token = token("dave", START.plus(Duration.ofHours(1)));
        jwts.decode(token);

        clock.advance(VerifiedJwts.MAX_AGE.minusSeconds(1));
        jwts.decode(token);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        jwts.decode(token);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = token("dave", START.plusSeconds(10));
        jwts.decode(token);

        clock.advance(Duration.ofSeconds(10).plus(SKEW).minusSeconds(1));
        assertThat(jwts.decode(token).getSubject()).as("within the skew").isEqualTo("dave");

        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> jwts.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
        assertThat(jwts.size()).isZero();
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsStillRefused() {
        String token = token("mallory", START.plus(Duration.ofHours(1)));
        jwts.decode(token);
        String[] parts = token.split("\\.");
        String otherPayload = token("admin", START.plus(Duration.ofHours(1))).split("\\.")[1];
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];

        assertThatThrownBy(() -> jwts.decode(tampered)).isInstanceOf(JwtException.class);
        assertThat(jwts.decode(token).getSubject()).isEqualTo("mallory");
        assertThat(jwts.size()).isEqualTo(1);
    }

    @Test
    void neverRemembersATokenThatFailed() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> jwts.decode("not.a.token")).isInstanceOf(JwtException.class);
        }

        assertThat(verifications).hasValue(3);
        assertThat(jwts.size()).isZero();
    }

    @Test
    void keepsAtMostItsLimitOfTokens() {
        Jwt template = Jwt.withTokenValue("t").header("alg", "RS256").subject("dave")
                .expiresAt(START.plus(Duration.ofHours(1))).build();
        VerifiedJwts cheap = new VerifiedJwts(token -> template, SKEW, clock);

        for (int i = 0; i <= VerifiedJwts.MAX_ENTRIES; i++) {
            cheap.decode("token-" + i);
        }

        assertThat(cheap.size()).isBetween(1, VerifiedJwts.MAX_ENTRIES);
    }

    private String token(String subject, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject).issuedAt(START).notBefore(START)
                .expiresAt(expiresAt).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }
}
