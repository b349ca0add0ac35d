package dev.flinkregistry.client;

import java.net.URI;

/**
 * No access token could be had from the OAuth 2 provider: its token endpoint (or discovery
 * document) refused the client's credentials, answered with an error or something unreadable, or
 * could not be reached. Nothing was sent to the registry.
 */
public class TokenEndpointException extends RegistryClientException {

    /** The token endpoint or discovery document that failed. */
    private final URI endpoint;
    /** The HTTP status it answered with; 0 when it did not answer. */
    private final int status;
    /** The OAuth 2 error code it answered with (e.g. {@code invalid_client}), or null. */
    private final String error;

    /** A failure of {@code endpoint}, described by the message. */
    public TokenEndpointException(String message, URI endpoint, int status, String error, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.status = status;
        this.error = error;
    }

    /** The token endpoint, or the discovery document, that failed. */
    public URI endpoint() {
        return endpoint;
    }

    /** The HTTP status of its answer; 0 when it did not answer at all. */
    public int status() {
        return status;
    }

    /**
     * The OAuth 2 error code of its answer (RFC 6749, section 5.2), such as {@code invalid_client}
     * (unknown client or wrong secret) or {@code invalid_scope}; null when it sent none.
     */
    public String error() {
        return error;
    }
}
