package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.JarAnalysis;
import org.springframework.stereotype.Component;

/**
 * DESIGN rule 6 before anything is stored: what a JAR would change compared with a connector's
 * current version, the same comparison an update makes and reports.
 */
@Component
class UpdatePreview {

    private final ConnectorQueries queries;
    private final ConnectorVersionRepository versions;
    private final VersionRecorder recorder;

    UpdatePreview(ConnectorQueries queries, ConnectorVersionRepository versions, VersionRecorder recorder) {
        this.queries = queries;
        this.versions = versions;
        this.recorder = recorder;
    }

    /** The diff an update of the named connector with this analysis would report ({@code to} is null). */
    VersionDiff of(String workspace, String name, JarAnalysis analysis) {
        return againstCurrent(queries.connector(workspace, name), analysis);
    }

    /** What an update changes compared with the current version (with none, everything is added). */
    VersionDiff againstCurrent(Connector connector, JarAnalysis analysis) {
        return againstCurrent(connector, null, analysis);
    }

    /**
     * What making {@code analysis} current changes compared with the current version: a new JAR's
     * ({@code to} null) or an existing version's (a rollback, {@code to} its number).
     */
    VersionDiff againstCurrent(Connector connector, Integer to, JarAnalysis analysis) {
        ConnectorVersion current = connector.currentVersion() == null ? null
                : versions.findByConnectorIdAndVersion(connector.id(), connector.currentVersion()).orElse(null);
        return CompatibilityCheck.diff(current == null ? null : current.version(),
                current == null ? null : recorder.analysisOf(current), to, analysis);
    }
}
