package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.upload.JarSource;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One JAR attached to a version as its dependency, in the order it goes on a job's class path. */
@Entity
@Table(name = "version_dependency")
class VersionDependency {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "version_id", nullable = false)
    private long versionId;

    @Column(nullable = false)
    private int ordinal;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "file_name", nullable = false, length = 256)
    private String fileName;

    @Column(name = "source_type", nullable = false)
    private String sourceType;

    @Column(name = "source_url")
    private String sourceUrl;

    protected VersionDependency() {}

    VersionDependency(long versionId, int ordinal, JarSource source) {
        this.versionId = versionId;
        this.ordinal = ordinal;
        this.sha256 = source.sha256();
        this.sizeBytes = source.size();
        this.fileName = source.fileName();
        this.sourceType = source.type().name();
        this.sourceUrl = source.url();
    }

    long versionId() {
        return versionId;
    }

    int ordinal() {
        return ordinal;
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

    /** As it was received, so that an update without dependencies of its own can carry it over. */
    JarSource source() {
        return new JarSource(JarSource.Type.valueOf(sourceType), sourceUrl, fileName, sha256, sizeBytes);
    }
}
