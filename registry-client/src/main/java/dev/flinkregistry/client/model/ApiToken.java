package dev.flinkregistry.client.model;

import java.time.Instant;

/**
 * A registry API token, without its secret.
 *
 * @param id its id, to revoke it by
 * @param name what it is for; requests made with it are recorded as {@code token:<name>}
 * @param hint the secret's first characters, e.g. {@code fcr_a1B2…}, to tell tokens apart
 * @param workspace its workspace; null for a platform-wide token
 * @param role its role there, or {@code platform-admin}
 * @param createdBy who created it
 * @param createdAt when
 * @param expiresAt when it stops working
 * @param revokedAt when it was revoked, or null
 * @param lastUsedAt when it was last used, to the minute, or null
 */
public record ApiToken(long id, String name, String hint, String workspace, String role, String createdBy,
                       Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    /** Whether it still works at {@code now}: neither revoked nor expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && expiresAt != null && expiresAt.isAfter(now);
    }
}
