package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.Severity;
import dev.flinkregistry.server.audit.AuditLog;
import dev.flinkregistry.server.connector.Views.Acceptance;
import dev.flinkregistry.server.upload.JarSource;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a version's rows inside the caller's transaction: the version, what it offers,
 * ownership of identifiers the connector does not own yet (unique in the database), and the audit
 * entry that records who added it.
 */
@Component
class VersionRecorder {

    private final ConnectorVersionRepository versions;
    private final VersionFactoryRepository factories;
    private final IdentifierOwnerRepository owners;
    private final JsonMapper json;
    private final AuditLog audit;

    VersionRecorder(ConnectorVersionRepository versions, VersionFactoryRepository factories,
                    IdentifierOwnerRepository owners, JsonMapper json, AuditLog audit) {
        this.versions = versions;
        this.factories = factories;
        this.owners = owners;
        this.json = json;
        this.audit = audit;
    }

    /**
     * The version's rows and its audit entry ({@code action}: {@code connector.register} or
     * {@code version.create}), which names the findings an admin accepted and why, and whether the
     * caller forced a breaking change.
     *
     * @param accepted the refusing findings the caller accepted, or null
     * @param forced true when the version breaks jobs and the caller forced it
     */
    ConnectorVersion record(String action, String workspace, Connector connector, int number, JarSource source,
                            String createdBy, JarAnalysis analysis, AcceptFindings accepted, boolean forced) {
        return record(action, workspace, connector, number, source, createdBy, analysis, accepted, forced, "", 0);
    }

    /**
     * Like {@link #record(String, String, Connector, int, JarSource, String, JarAnalysis, AcceptFindings, boolean)},
     * for a version with dependency JARs, whose rows the caller writes.
     *
     * @param dependenciesKey {@link DependencyKey} of its dependencies
     * @param dependencyCount how many there are, for the audit entry
     */
    ConnectorVersion record(String action, String workspace, Connector connector, int number, JarSource source,
                            String createdBy, JarAnalysis analysis, AcceptFindings accepted, boolean forced,
                            String dependenciesKey, int dependencyCount) {
        Instant now = Instant.now();
        Acceptance acceptance = accepted == null ? null
                : new Acceptance(accepted.codes().stream().sorted().toList(), accepted.reason(), createdBy, now);
        ConnectorVersion version = versions.save(new ConnectorVersion(connector.id(), number, source, createdBy,
                now, json.writeValueAsString(analysis), warnings(analysis), acceptance)
                .withDependenciesKey(dependenciesKey));
        Set<String> owned = new HashSet<>();
        owners.findByConnectorId(connector.id()).forEach(o -> owned.add(o.family() + " " + o.identifier()));
        for (FactoryReport factory : analysis.loadedFactories()) {
            for (String family : factory.families()) {
                factories.save(new VersionFactory(version.id(), family, factory.identifier(),
                        String.join(",", factory.capabilities()), factory.className()));
                if (owned.add(family + " " + factory.identifier())) {
                    owners.save(new IdentifierOwner(connector.workspaceId(), family, factory.identifier(), connector.id()));
                }
            }
        }
        versions.flush();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sha256", version.sha256());
        details.put("source", source.type());
        details.put("size", source.size());
        if (acceptance != null) {
            details.put("acceptedFindings", acceptance.codes());
            // Quoted, so that a comma or '=' in the reason cannot pass for another detail.
            details.put("acceptReason", quoted(acceptance.reason()));
        }
        if (forced) {
            details.put("forced", true);
        }
        if (dependencyCount > 0) {
            details.put("dependencies", dependencyCount);
        }
        audit.record(action, workspace, connector.name() + "/" + number, AuditLog.Outcome.SUCCESS, details);
        return version;
    }

    private static int warnings(JarAnalysis analysis) {
        return (int) analysis.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    JarAnalysis analysisOf(ConnectorVersion version) {
        return analysisOf(version.analysis());
    }

    JarAnalysis analysisOf(String storedJson) {
        return json.readValue(storedJson, JarAnalysis.class);
    }

    /** The (family, identifier) pairs of an analysis that another connector of the workspace owns. */
    List<IdentifierOwner> foreignOwners(long workspaceId, Long connectorId, JarAnalysis analysis) {
        return analysis.loadedFactories().stream()
                .flatMap(f -> f.families().stream().map(family -> owners
                        .findByWorkspaceIdAndFamilyAndIdentifier(workspaceId, family, f.identifier())))
                .flatMap(java.util.Optional::stream)
                .filter(owner -> connectorId == null || owner.connectorId() != connectorId)
                .toList();
    }
}
