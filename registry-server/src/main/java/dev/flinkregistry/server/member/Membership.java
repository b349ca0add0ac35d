package dev.flinkregistry.server.member;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person's role in a workspace, granted by an administrator. */
@Entity
@Table(name = "membership")
class Membership {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false)
    private long workspaceId;

    @Column(nullable = false)
    private String principal;

    @Column(nullable = false)
    private String role;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    protected Membership() {}

    Membership(long workspaceId, String principal, String role, String grantedBy, Instant grantedAt) {
        this.workspaceId = workspaceId;
        this.principal = principal;
        this.role = role;
        this.grantedBy = grantedBy;
        this.grantedAt = grantedAt;
    }

    long workspaceId() {
        return workspaceId;
    }

    String principal() {
        return principal;
    }

    String role() {
        return role;
    }

    String grantedBy() {
        return grantedBy;
    }

    Instant grantedAt() {
        return grantedAt;
    }

    void change(String newRole, String by, Instant at) {
        this.role = newRole;
        this.grantedBy = by;
        this.grantedAt = at;
    }
}
