package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.JarAnalysis;
import org.springframework.stereotype.Component;

/**
 * DESIGN rule 6 before anything is stored: what a JAR would change compared with a connector's
 * current version, the same comparison an update makes and reports.
 */
@Component
class UpdatePreview {

    private final ConnectorVersionRepository versions;
    private final VersionRecorder recorder;

    UpdatePreview(ConnectorVersionRepository versions, VersionRecorder recorder) {
        this.versions = versions;
        this.recorder = recorder;
    }

    /** What an update changes compared with the current version (with none, everything is added). */
    VersionDiff againstCurrent(Connector connector, JarAnalysis analysis) {
        ConnectorVersion current = connector.currentVersion() == null ? null
                : versions.findByConnectorIdAndVersion(connector.id(), connector.currentVersion()).orElse(null);
        return CompatibilityCheck.diff(current == null ? null : current.version(),
                current == null ? null : recorder.analysisOf(current), null, analysis);
    }
}
