package dev.flinkregistry.client.cli;

import dev.flinkregistry.client.ClientCredentials;
import dev.flinkregistry.client.TokenSource;
import java.net.URI;
import java.util.function.Function;

/**
 * The credentials fcr signs in with, and where they came from, so that a refusal can say which
 * token was refused.
 *
 * @param source gives the bearer token
 * @param origin where they came from, in words: {@code the token given with --token},
 *     {@code the token in FCR_TOKEN}, {@code client credentials of 'ci' from ~/.config/fcr/config}
 */
record Credentials(TokenSource source, String origin) {

    static Credentials token(String token, String origin) {
        return new Credentials(TokenSource.of(token), origin);
    }

    /**
     * The credentials one place holds: its {@code token}, else its client credentials; null when it
     * holds neither.
     *
     * @param place its settings by config key
     * @param name the place, for messages
     * @param tokenName how the place names its token, for messages
     */
    static Credentials from(Function<String, String> place, String name, String tokenName) {
        String token = place.apply("token");
        if (token != null && !token.isBlank()) {
            return token(token, "the token in " + tokenName);
        }
        String clientId = place.apply("client-id");
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        String secret = place.apply("client-secret");
        String endpoint = place.apply("token-endpoint");
        String issuer = place.apply("issuer");
        if (secret == null || endpoint == null && issuer == null) {
            throw new ConfigFile.Unusable("client-id is set in " + name + ", so client-secret and token-endpoint "
                    + "(or issuer) must be too");
        }
        String scope = place.apply("scope");
        String[] scopes = scope == null || scope.isBlank() ? new String[0] : scope.strip().split("[\\s,]+");
        ClientCredentials.Builder builder = endpoint != null
                ? ClientCredentials.builder(URI.create(endpoint), clientId, secret)
                : ClientCredentials.fromIssuer(URI.create(issuer), clientId, secret);
        return new Credentials(builder.scopes(scopes).build(),
                "the client credentials of '" + clientId + "' from " + name);
    }
}
