package dev.flinkregistry.server.connector;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Connectors of a workspace. */
interface ConnectorRepository extends JpaRepository<Connector, Long> {

    Optional<Connector> findByWorkspaceIdAndName(long workspaceId, String name);

    /** Locks the row, so updates of one connector are serialised across replicas. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Connector c where c.id = :id")
    Optional<Connector> lockById(long id);
}

/** Versions of connectors. */
interface ConnectorVersionRepository extends JpaRepository<ConnectorVersion, Long> {

    Optional<ConnectorVersion> findByConnectorIdAndVersion(long connectorId, int version);

    Optional<ConnectorVersion> findByConnectorIdAndSha256AndDependenciesKey(long connectorId, String sha256,
                                                                           String dependenciesKey);

    List<ConnectorVersion> findByConnectorIdOrderByVersionAsc(long connectorId);

    long countByConnectorId(long connectorId);

    boolean existsBySha256(String sha256);

    /** The versions with these bytes in the workspace, each as {connector, version}, oldest first. */
    @Query("select c, v from Connector c, ConnectorVersion v where v.connectorId = c.id "
            + "and c.workspaceId = :workspaceId and v.sha256 = :sha256 order by v.id")
    List<Object[]> findWithConnectorBySha256(long workspaceId, String sha256);
}

/** The JARs attached to versions as their dependencies. */
interface VersionDependencyRepository extends JpaRepository<VersionDependency, Long> {

    List<VersionDependency> findByVersionIdOrderByOrdinalAsc(long versionId);

    List<VersionDependency> findByVersionIdInOrderByVersionIdAscOrdinalAsc(java.util.Collection<Long> versionIds);

    boolean existsBySha256(String sha256);

    /** The dependencies with these bytes in the workspace, each as {connector, version, dependency}, oldest first. */
    @Query("select c, v, d from Connector c, ConnectorVersion v, VersionDependency d where v.connectorId = c.id "
            + "and d.versionId = v.id and c.workspaceId = :workspaceId and d.sha256 = :sha256 order by d.id")
    List<Object[]> findWithVersionBySha256(long workspaceId, String sha256);
}

/** What versions offer. */
interface VersionFactoryRepository extends JpaRepository<VersionFactory, Long> {

    @Query("select distinct f.family, f.identifier from VersionFactory f, ConnectorVersion v "
            + "where f.versionId = v.id and v.connectorId = :connectorId")
    List<Object[]> identifiersOfConnector(long connectorId);

    @Modifying
    @Query("delete from VersionFactory f where f.versionId = :versionId")
    void deleteByVersionId(long versionId);
}

/** Who owns which identifier. */
interface IdentifierOwnerRepository extends JpaRepository<IdentifierOwner, Long> {

    List<IdentifierOwner> findByWorkspaceIdAndIdentifier(long workspaceId, String identifier);

    Optional<IdentifierOwner> findByWorkspaceIdAndFamilyAndIdentifier(long workspaceId, String family, String identifier);

    List<IdentifierOwner> findByConnectorId(long connectorId);
}
