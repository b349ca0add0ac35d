package dev.flinkregistry.server.lease;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A running job's claim on a version it downloaded: the version is kept until the lease ends. */
@Entity
@Table(name = "lease")
class Lease {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false)
    private long workspaceId;

    @Column(name = "job_id", nullable = false)
    private String jobId;

    @Column(name = "version_id", nullable = false)
    private long versionId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(nullable = false)
    private String principal;

    protected Lease() {}

    Lease(long workspaceId, String jobId, long versionId, Instant createdAt, Instant expiresAt, String principal) {
        this.workspaceId = workspaceId;
        this.jobId = jobId;
        this.versionId = versionId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.principal = principal;
    }

    String jobId() {
        return jobId;
    }

    void extendTo(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }
}
