package dev.flinkregistry.client;

import java.util.Objects;

/**
 * Where the client's bearer tokens come from: a fixed token ({@link #of(String)}), OAuth 2 client
 * credentials fetched and renewed from a provider ({@link ClientCredentials}), or a source of the
 * caller's own. Implementations must be thread-safe: requests on many threads ask at once.
 */
public interface TokenSource {

    /**
     * The token to send with the next request, fetched or renewed first if it has to be.
     *
     * @throws RegistryClientException when no token can be had, e.g. {@link TokenEndpointException}
     */
    String token();

    /**
     * Told that the registry refused {@code rejected} as invalid (401 {@code INVALID_TOKEN}).
     * Answers whether the next {@link #token()} may be a different one, worth one more attempt; a
     * fixed token answers false, so the refusal is final.
     */
    default boolean refused(String rejected) {
        return false;
    }

    /** A source that always gives this token, e.g. a registry API token ({@code fcr_…}). */
    static TokenSource of(String token) {
        Objects.requireNonNull(token, "token");
        return () -> token;
    }
}
