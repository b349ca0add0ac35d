package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.connector.Views.Acceptance;
import dev.flinkregistry.server.upload.JarSource;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;

/**
 * One immutable version of a connector: its JAR's digest, where it came from, its analysis, and the
 * error findings an admin accepted to register it (all four acceptance columns or none).
 */
@Entity
@Table(name = "connector_version")
class ConnectorVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "connector_id", nullable = false)
    private long connectorId;

    @Column(nullable = false)
    private int version;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "source_type", nullable = false)
    private String sourceType;

    @Column(name = "source_url")
    private String sourceUrl;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false, columnDefinition = "text")
    private String analysis;

    /** The SHA-256 of the dependencies' digests in order; empty when it has none (see V8). */
    @Column(name = "dependencies_key", nullable = false, length = 64)
    private String dependenciesKey = "";

    /** How many warnings the analysis found, for listings that must not parse it. */
    @Column(name = "warning_count", nullable = false)
    private int warningCount;

    /** The accepted finding codes, comma-separated; null when nothing was accepted. */
    @Column(name = "accepted_findings", length = 2048)
    private String acceptedFindings;

    @Column(name = "accept_reason", length = 500)
    private String acceptReason;

    @Column(name = "accepted_by", length = 256)
    private String acceptedBy;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    protected ConnectorVersion() {}

    /** @param acceptance what an admin accepted to register these bytes, or null */
    ConnectorVersion(long connectorId, int version, JarSource source, String createdBy, Instant createdAt,
                     String analysis, int warningCount, Acceptance acceptance) {
        this.connectorId = connectorId;
        this.version = version;
        this.sha256 = source.sha256();
        this.sizeBytes = source.size();
        this.fileName = source.fileName();
        this.sourceType = source.type().name();
        this.sourceUrl = source.url();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.analysis = analysis;
        this.warningCount = warningCount;
        if (acceptance != null) {
            this.acceptedFindings = String.join(",", acceptance.codes());
            this.acceptReason = acceptance.reason();
            this.acceptedBy = acceptance.acceptedBy();
            this.acceptedAt = acceptance.acceptedAt();
        }
    }

    /** @param key the SHA-256 of the dependencies' digests in order ({@link DependencyKey}) */
    ConnectorVersion withDependenciesKey(String key) {
        this.dependenciesKey = key;
        return this;
    }

    String dependenciesKey() {
        return dependenciesKey;
    }

    Long id() {
        return id;
    }

    long connectorId() {
        return connectorId;
    }

    int version() {
        return version;
    }

    String sha256() {
        return sha256;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    String fileName() {
        return fileName;
    }

    String sourceType() {
        return sourceType;
    }

    String sourceUrl() {
        return sourceUrl;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    String analysis() {
        return analysis;
    }

    /** What an admin accepted to register these bytes, or null. */
    Acceptance acceptance() {
        return acceptedFindings == null ? null
                : new Acceptance(Arrays.asList(acceptedFindings.split(",")), acceptReason, acceptedBy, acceptedAt);
    }
}
