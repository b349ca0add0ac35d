package dev.flinkregistry.server.workspace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant: connectors, identifier ownership and the target Flink version are per workspace. */
@Entity
@Table(name = "workspace")
class Workspace {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "flink_version", nullable = false)
    private String flinkVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Workspace() {}

    Workspace(String name, String flinkVersion, Instant createdAt) {
        this.name = name;
        this.flinkVersion = flinkVersion;
        this.createdAt = createdAt;
    }

    WorkspaceInfo info() {
        return new WorkspaceInfo(id, name, flinkVersion, createdAt);
    }
}
