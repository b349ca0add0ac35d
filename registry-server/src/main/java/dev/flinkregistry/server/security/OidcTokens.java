package dev.flinkregistry.server.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * Access tokens of the configured OpenID Connect provider: keys from its discovery document (or
 * a JWKS URL), fetched when first needed and again when a token names a key not seen before (key
 * rotation); signature, issuer, audience and times checked, with the configured clock skew.
 * A token that passed is trusted again without these checks for a short while ({@link VerifiedJwts}),
 * and the principal derived from it is used again for a few seconds ({@link RememberedPrincipals}).
 */
@Component
@ConditionalOnExpression("'${registry.auth.oidc.issuer-uri:}' != '' or '${registry.auth.oidc.jwk-set-uri:}' != ''")
class OidcTokens {

    private final AuthenticationManager manager;

    OidcTokens(AuthProperties properties, MembershipDirectory memberships) {
        AuthProperties.Oidc oidc = properties.oidc();
        JwtDecoder decoder = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder nimbus = oidc.jwkSetUri() != null ? NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build()
                    : (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(oidc.issuerUri());
            nimbus.setJwtValidator(validator(oidc));
            return nimbus;
        });
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(
                new VerifiedJwts(decoder, oidc.clockSkew(), Clock.systemUTC()));
        OidcPrincipals principals = new OidcPrincipals(oidc, memberships);
        RememberedPrincipals remembered = new RememberedPrincipals(new ProviderManager(provider), memberships,
                oidc.clockSkew(), Clock.systemUTC());
        provider.setJwtAuthenticationConverter(jwt -> {
            long generation = memberships.generation();
            RegistryAuthentication authentication = principals.convert(jwt);
            remembered.remember(jwt.getTokenValue(), jwt.getExpiresAt(), authentication.getPrincipal(), generation);
            return authentication;
        });
        this.manager = remembered;
    }

    AuthenticationManager authenticationManager() {
        return manager;
    }

    private static OAuth2TokenValidator<Jwt> validator(AuthProperties.Oidc oidc) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(oidc.clockSkew()));
        validators.add(new JwtClaimValidator<Object>("exp", java.util.Objects::nonNull));
        if (oidc.issuerUri() != null) {
            validators.add(new JwtIssuerValidator(oidc.issuerUri()));
        }
        if (!oidc.audiences().isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>("aud",
                    audiences -> audiences != null && audiences.stream().anyMatch(oidc.audiences()::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
