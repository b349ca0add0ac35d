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

    ConnectorQueries(WorkspaceService workspaces, ConnectorRepository connectors, ConnectorVersionRepository versions,
                     VersionRecorder recorder, ConnectorSearch search) {
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
        return CompatibilityCheck.diff(from, recorder.analysisOf(version(connector, from)), to,
                recorder.analysisOf(version(connector, to)));
    }

    /** The version whose bytes have this digest, in this workspace. */
    @Transactional(readOnly = true)
    public VersionView versionBySha256(String workspace, String sha256) {
        List<Object[]> found = versions.findWithConnectorBySha256(workspaces.get(workspace).id(), sha256);
        if (found.isEmpty()) {
            throw new VersionNotFoundException(sha256);
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
        return versions.existsBySha256(sha256);
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
                withAnalysis ? recorder.analysisOf(version) : null, version.acceptance());
    }
}
