package dev.flinkregistry.client.model;

/**
 * A new registry API token.
 *
 * @param token the secret ({@code fcr_…}), shown only in this answer: the registry keeps a hash
 * @param details the token as lists show it
 */
public record CreatedToken(String token, ApiToken details) {

    /** Leaves the secret out, so that a logged value does not leak it. */
    @Override
    public String toString() {
        return "CreatedToken[token=" + (token == null ? null : "fcr_…") + ", details=" + details + "]";
    }
}
