package dev.flinkregistry.server.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registry API token: its hash, its scope (a workspace and a role, or the platform) and its life. */
@Entity
@Table(name = "api_token")
class ApiToken {

    /** The role column of a platform-wide token. */
    static final String PLATFORM_ADMIN = "platform-admin";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(nullable = false)
    private String hint;

    @Column(name = "workspace_id")
    private Long workspaceId;

    @Column(nullable = false)
    private String role;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiToken() {}

    ApiToken(String name, String secretHash, String hint, Long workspaceId, String role, String createdBy,
             Instant createdAt, Instant expiresAt) {
        this.name = name;
        this.secretHash = secretHash;
        this.hint = hint;
        this.workspaceId = workspaceId;
        this.role = role;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    String hint() {
        return hint;
    }

    Long workspaceId() {
        return workspaceId;
    }

    String role() {
        return role;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    boolean platformWide() {
        return workspaceId == null;
    }

    void revoke(Instant when) {
        if (revokedAt == null) {
            revokedAt = when;
        }
    }
}
