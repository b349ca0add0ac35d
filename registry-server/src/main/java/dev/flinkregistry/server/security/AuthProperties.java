package dev.flinkregistry.server.security;

import static dev.flinkregistry.server.config.Settings.between;
import static dev.flinkregistry.server.config.Settings.httpUrl;
import static dev.flinkregistry.server.config.Settings.positive;
import static dev.flinkregistry.server.config.Settings.required;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the registry ({@code registry.auth.*}); the defaults are in {@code application.yml}.
 *
 * @param anonymousRead whether callers without credentials may read (the viewer role in every workspace)
 * @param bootstrapToken whether the first start, with no token and no identity provider, creates
 *     a platform administrator's token and prints it once
 * @param tokenMaxLifetime the longest an API token may live
 * @param tokenDefaultLifetime how long a new API token lives when its creator does not say
 * @param failuresPerMinute how many failed sign-ins one address may make per minute before it is refused (429)
 * @param allowedOrigins web origins allowed to call the API from a browser (CORS); empty: none
 */
@ConfigurationProperties("registry.auth")
public record AuthProperties(boolean anonymousRead, boolean bootstrapToken, Duration tokenMaxLifetime,
                             Duration tokenDefaultLifetime, int failuresPerMinute, List<String> allowedOrigins, Oidc oidc) {

    public AuthProperties {
        positive(tokenMaxLifetime, "registry.auth.token-max-lifetime");
        positive(tokenDefaultLifetime, "registry.auth.token-default-lifetime");
        if (tokenDefaultLifetime.compareTo(tokenMaxLifetime) > 0) {
            throw new IllegalArgumentException("registry.auth.token-default-lifetime (" + tokenDefaultLifetime
                    + ") must not be longer than registry.auth.token-max-lifetime (" + tokenMaxLifetime + ")");
        }
        between(failuresPerMinute, 1, 100_000, "registry.auth.failures-per-minute");
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedOrigins.forEach(origin -> httpUrl(origin, "registry.auth.allowed-origins"));
        oidc = oidc == null ? Oidc.NONE : oidc;
    }

    /**
     * An OpenID Connect provider whose access tokens (JWTs) the registry accepts as bearer tokens.
     *
     * @param issuerUri the issuer; its discovery document names the keys (unset: no provider)
     * @param jwkSetUri the keys, where the provider has no discovery document
     * @param audiences accepted {@code aud} values; empty: the audience is not checked
     * @param clockSkew how far the token's times may be off the registry's clock
     * @param usernameClaim the claim that holds the user's name (falls back to {@code sub})
     * @param groupsClaim the claim that holds the user's groups
     * @param platformAdminGroups groups whose members are platform administrators
     * @param groupRoles roles that members of a group get in a workspace
     * @param clientId the registry's client at the provider, for the console's sign-in (authorization
     *     code with PKCE); unset: browsers sign in with API tokens only
     * @param clientSecret its secret, for a confidential client (unset: a public client, PKCE only)
     * @param scopes the scopes the sign-in asks for
     */
    public record Oidc(String issuerUri, String jwkSetUri, List<String> audiences, Duration clockSkew,
                       String usernameClaim, String groupsClaim, List<String> platformAdminGroups,
                       List<GroupRole> groupRoles, String clientId, String clientSecret, List<String> scopes) {

        static final Oidc NONE = new Oidc(null, null, List.of(), Duration.ofSeconds(60), "preferred_username",
                "groups", List.of(), List.of(), null, null, List.of());

        public Oidc {
            issuerUri = blankToNull(issuerUri);
            jwkSetUri = blankToNull(jwkSetUri);
            if (issuerUri != null) {
                httpUrl(issuerUri, "registry.auth.oidc.issuer-uri");
            }
            if (jwkSetUri != null) {
                httpUrl(jwkSetUri, "registry.auth.oidc.jwk-set-uri");
            }
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
            required(clockSkew, "registry.auth.oidc.clock-skew");
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("registry.auth.oidc.clock-skew must be between 0 and 10m, not "
                        + clockSkew);
            }
            usernameClaim = blankToNull(usernameClaim) == null ? "sub" : usernameClaim;
            groupsClaim = blankToNull(groupsClaim) == null ? "groups" : groupsClaim;
            platformAdminGroups = platformAdminGroups == null ? List.of() : List.copyOf(platformAdminGroups);
            groupRoles = groupRoles == null ? List.of() : List.copyOf(groupRoles);
            clientId = blankToNull(clientId);
            clientSecret = blankToNull(clientSecret);
            scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
            if (clientId != null && issuerUri == null) {
                throw new IllegalArgumentException("registry.auth.oidc.client-id needs registry.auth.oidc.issuer-uri "
                        + "(the sign-in finds the provider's endpoints in its discovery document)");
            }
        }

        /** Whether browsers sign in through the provider. */
        public boolean signInEnabled() {
            return clientId != null;
        }

        /** Whether a provider is configured at all. */
        public boolean enabled() {
            return issuerUri != null || jwkSetUri != null;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** Members of {@code group} get {@code role} in {@code workspace}. */
    public record GroupRole(String group, String workspace, Role role) {

        public GroupRole {
            required(group, "registry.auth.oidc.group-roles[].group");
            required(workspace, "registry.auth.oidc.group-roles[].workspace");
            required(role, "registry.auth.oidc.group-roles[].role");
        }
    }
}
