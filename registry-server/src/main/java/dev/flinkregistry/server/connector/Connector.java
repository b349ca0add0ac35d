package dev.flinkregistry.server.connector;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named registration in a workspace, with its current version's number. */
@Entity
@Table(name = "connector")
class Connector {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false)
    private long workspaceId;

    @Column(nullable = false)
    private String name;

    @Column(name = "current_version")
    private Integer currentVersion;

    @Column(name = "last_version", nullable = false)
    private int lastVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Connector() {}

    Connector(long workspaceId, String name, Instant now) {
        this.workspaceId = workspaceId;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    Long id() {
        return id;
    }

    long workspaceId() {
        return workspaceId;
    }

    String name() {
        return name;
    }

    Integer currentVersion() {
        return currentVersion;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** The next version number; numbers are never reused, even after a version is deleted. */
    int nextVersion() {
        lastVersion++;
        return lastVersion;
    }

    void makeCurrent(int version, Instant now) {
        this.currentVersion = version;
        this.updatedAt = now;
    }
}
