package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.connector.Views.ConnectorSummary;
import dev.flinkregistry.server.connector.Views.ConnectorView;
import dev.flinkregistry.server.connector.Views.Page;
import dev.flinkregistry.server.connector.Views.VersionView;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads connectors and versions for people: show, list and search, versions, diff, downloads. */
@Service
public class ConnectorQueries {

    private final WorkspaceService workspaces;
    private final ConnectorRepository connectors;
    private final ConnectorVersionRepository versions;
    private final VersionRecorder recorder;
    private final ConnectorSearch search;
    private final VersionDependencyRepository dependencies;
    private final DependencyHints hints;

    ConnectorQueries(WorkspaceService workspaces, ConnectorRepository connectors, ConnectorVersionRepository versions,
                     VersionRecorder recorder, ConnectorSearch search, VersionDependencyRepository dependencies,
                     DependencyHints hints) {
        this.hints = hints;
        this.dependencies = dependencies;
        this.workspaces = workspaces;
        this.connectors = connectors;
        this.versions = versions;
        this.recorder = recorder;
        this.search = search;
    }

    @Transactional(readOnly = true)
    public ConnectorView get(String workspace, String name) {
        Connector connector = connector(workspace, name);
        VersionView current = connector.currentVersion() == null ? null
                : view(workspace, connector, version(connector, connector.currentVersion()), true);
        return new ConnectorView(workspace, name, connector.currentVersion(), versions.countByConnectorId(connector.id()),
                connector.createdAt(), connector.updatedAt(), current);
    }

    @Transactional(readOnly = true)
    public VersionView version(String workspace, String name, int number) {
        Connector connector = connector(workspace, name);
        return view(workspace, connector, version(connector, number), true);
    }

    /** One version without its analysis, which a download does not need. */
    @Transactional(readOnly = true)
    public VersionView versionWithoutAnalysis(String workspace, String name, int number) {
        Connector connector = connector(workspace, name);
        return view(workspace, connector, version(connector, number), false);
    }

    /** Every version, oldest first, without their analyses. */
    @Transactional(readOnly = true)
    public List<VersionView> versions(String workspace, String name) {
        Connector connector = connector(workspace, name);
        return versions.findByConnectorIdOrderByVersionAsc(connector.id()).stream()
                .map(v -> view(workspace, connector, v, false)).toList();
    }

    @Transactional(readOnly = true)
    public VersionDiff diff(String workspace, String name, int from, int to) {
        Connector connector = connector(workspace, name);
        ConnectorVersion older = version(connector, from);
        ConnectorVersion newer = version(connector, to);
        return CompatibilityCheck.diff(from, recorder.analysisOf(older), to, recorder.analysisOf(newer))
                .withDependencies(dependencySources(older.id()), dependencySources(newer.id()));
    }

    /** The version's dependency JARs as they were received, in class-path order. */
    List<dev.flinkregistry.server.upload.JarSource> dependencySources(long versionId) {
        return dependencies.findByVersionIdOrderByOrdinalAsc(versionId).stream().map(VersionDependency::source).toList();
    }

    /**
     * The dependency JARs of these versions (by version id), in class-path order: what a job that uses
     * the versions needs beside their own JARs.
     */
    @Transactional(readOnly = true)
    public java.util.Map<Long, List<AttachedJar>> dependenciesOf(java.util.Collection<Long> versionIds) {
        java.util.Map<Long, List<AttachedJar>> byVersion = new java.util.LinkedHashMap<>();
        if (versionIds.isEmpty()) {
            return byVersion;
        }
        for (VersionDependency d : dependencies.findByVersionIdInOrderByVersionIdAscOrdinalAsc(versionIds)) {
            byVersion.computeIfAbsent(d.versionId(), id -> new java.util.ArrayList<>())
                    .add(new AttachedJar(d.fileName(), d.sha256(), d.sizeBytes(), d.sourceType(), d.sourceUrl()));
        }
        return byVersion;
    }

    /** The version whose bytes have this digest, in this workspace. */
    @Transactional(readOnly = true)
    public VersionView versionBySha256(String workspace, String sha256) {
        long workspaceId = workspaces.get(workspace).id();
        List<Object[]> found = versions.findWithConnectorBySha256(workspaceId, sha256);
        if (found.isEmpty()) {
            // A dependency's bytes are served like a version's: as the version they travel with, with their own digest.
            List<Object[]> attached = dependencies.findWithVersionBySha256(workspaceId, sha256);
            if (attached.isEmpty()) {
                throw new VersionNotFoundException(sha256);
            }
            Connector connector = (Connector) attached.get(0)[0];
            ConnectorVersion version = (ConnectorVersion) attached.get(0)[1];
            VersionDependency dependency = (VersionDependency) attached.get(0)[2];
            return new VersionView(workspace, connector.name(), version.version(), dependency.sha256(),
                    dependency.sizeBytes(), dependency.fileName(), dependency.sourceType(), dependency.sourceUrl(),
                    version.createdBy(), version.createdAt(),
                    Integer.valueOf(version.version()).equals(connector.currentVersion()),
                    VersionView.downloadPathOf(workspace, dependency.sha256()), null, null, List.of());
        }
        return view(workspace, (Connector) found.get(0)[0], (ConnectorVersion) found.get(0)[1], false);
    }

    /**
     * Connectors whose current version matches every given filter (null filters are ignored):
     * offers the identifier, a factory in the family, the capability, or the text in its name or an identifier.
     */
    @Transactional(readOnly = true)
    public Page<ConnectorSummary> list(String workspace, String identifier, String family, String capability,
                                       String text, int page, int size) {
        return search.find(workspaces.get(workspace).id(), identifier, family, capability, text, page, size);
    }

    /** Refuses a connector the workspace does not have ({@link ConnectorNotFoundException}). */
    @Transactional(readOnly = true)
    public void requireExists(String workspace, String name) {
        connector(workspace, name);
    }

    /** Whether any version of any workspace has these bytes, so that they must be kept. */
    public boolean isReferenced(String sha256) {
        // A dependency's bytes are kept while any version carries them (a leased one included).
        return versions.existsBySha256(sha256) || dependencies.existsBySha256(sha256);
    }

    /**
     * Forgets which classes the digest's JAR holds: called by the blob collector in the transaction
     * that deletes the digest's unreferenced bytes, while it holds the digest's claim.
     */
    public void forgetDependencyClasses(String sha256) {
        hints.forget(sha256);
    }

    String nameOf(long connectorId) {
        return connectors.findById(connectorId).map(Connector::name).orElse("?");
    }

    Connector connector(String workspace, String name) {
        WorkspaceInfo ws = workspaces.get(workspace);
        return connectors.findByWorkspaceIdAndName(ws.id(), name)
                .orElseThrow(() -> new ConnectorNotFoundException(workspace, name));
    }

    ConnectorVersion version(Connector connector, int number) {
        return versions.findByConnectorIdAndVersion(connector.id(), number)
                .orElseThrow(() -> new VersionNotFoundException(connector.name(), number));
    }

    private VersionView view(String workspace, Connector connector, ConnectorVersion version, boolean withAnalysis) {
        return new VersionView(workspace, connector.name(), version.version(), version.sha256(), version.sizeBytes(),
                version.fileName(), version.sourceType(), version.sourceUrl(), version.createdBy(), version.createdAt(),
                Integer.valueOf(version.version()).equals(connector.currentVersion()),
                VersionView.downloadPathOf(workspace, version.sha256()),
                withAnalysis ? recorder.analysisOf(version) : null, version.acceptance(),
                dependenciesOf(List.of(version.id())).getOrDefault(version.id(), List.of()).stream()
                        .map(d -> d.view(workspace)).toList());
    }
}
