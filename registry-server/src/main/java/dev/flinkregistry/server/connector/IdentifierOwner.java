package dev.flinkregistry.server.connector;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The connector that owns a (family, identifier) in a workspace; unique in the database. */
@Entity
@Table(name = "identifier_owner")
class IdentifierOwner {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false)
    private long workspaceId;

    @Column(nullable = false)
    private String family;

    @Column(nullable = false)
    private String identifier;

    @Column(name = "connector_id", nullable = false)
    private long connectorId;

    protected IdentifierOwner() {}

    IdentifierOwner(long workspaceId, String family, String identifier, long connectorId) {
        this.workspaceId = workspaceId;
        this.family = family;
        this.identifier = identifier;
        this.connectorId = connectorId;
    }

    String family() {
        return family;
    }

    String identifier() {
        return identifier;
    }

    long connectorId() {
        return connectorId;
    }
}
