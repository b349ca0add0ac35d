package dev.flinkregistry.server.connector;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One (factory, family) a version offers, kept apart from the analysis for search and resolution. */
@Entity
@Table(name = "version_factory")
class VersionFactory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "version_id", nullable = false)
    private long versionId;

    @Column(nullable = false)
    private String family;

    @Column(nullable = false)
    private String identifier;

    @Column(nullable = false)
    private String capabilities;

    @Column(name = "class_name", nullable = false)
    private String className;

    protected VersionFactory() {}

    VersionFactory(long versionId, String family, String identifier, String capabilities, String className) {
        this.versionId = versionId;
        this.family = family;
        this.identifier = identifier;
        this.capabilities = capabilities;
        this.className = className;
    }

    String family() {
        return family;
    }

    String identifier() {
        return identifier;
    }
}
