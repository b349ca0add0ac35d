package dev.flinkregistry.server.connector;

import dev.flinkregistry.server.audit.AuditLog;
import dev.flinkregistry.server.connector.Views.CurrentChange;
import dev.flinkregistry.server.lease.LeaseService;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a connector's current pointer (rollback), checked for compatibility like an update (DESIGN
 * rule 6), and deletes versions and connectors, never one that is current or that a running job has
 * leased (DESIGN rules 4 and 5). Deleted bytes are collected later by the blob collector.
 */
@Service
public class ConnectorAdministration {

    private final ConnectorRepository connectors;
    private final ConnectorVersionRepository versions;
    private final VersionFactoryRepository factories;
    private final IdentifierOwnerRepository owners;
    private final ConnectorQueries queries;
    private final VersionRecorder recorder;
    private final UpdatePreview updatePreview;
    private final LeaseService leases;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    ConnectorAdministration(ConnectorRepository connectors, ConnectorVersionRepository versions,
                            VersionFactoryRepository factories, IdentifierOwnerRepository owners,
                            ConnectorQueries queries, VersionRecorder recorder, UpdatePreview updatePreview,
                            LeaseService leases, ApplicationEventPublisher events, AuditLog audit) {
        this.connectors = connectors;
        this.versions = versions;
        this.factories = factories;
        this.owners = owners;
        this.queries = queries;
        this.recorder = recorder;
        this.updatePreview = updatePreview;
        this.leases = leases;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Makes an existing version current; the next submission of a job resolves to it. The move is
     * compared with the current version exactly as an update is, and refused when it would break jobs
     * at their next restart unless {@code force}.
     */
    @Transactional
    public CurrentChange setCurrent(String workspace, String name, int version, boolean force) {
        Connector connector = lock(workspace, name);
        ConnectorVersion target = queries.version(connector, version);
        Integer before = connector.currentVersion();
        VersionDiff diff = updatePreview.againstCurrent(connector, version, recorder.analysisOf(target))
                .withDependencies(before == null ? List.of() : queries.dependencySources(queries.version(connector,
                        before).id()), queries.dependencySources(target.id()));
        if (diff.breaking() && !force) {
            throw BreakingChangeException.rollback(name, diff);
        }
        connector.makeCurrent(version, Instant.now());
        connectors.flush();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", String.valueOf(before));
        details.put("to", version);
        if (diff.breaking()) {
            details.put("forced", true);
        }
        audit.record("connector.current", workspace, name, AuditLog.Outcome.SUCCESS, details);
        changed(connector);
        return CurrentChange.of(queries.get(workspace, name), diff);
    }

    @Transactional
    public void deleteVersion(String workspace, String name, int number) {
        Connector connector = lock(workspace, name);
        ConnectorVersion version = queries.version(connector, number);
        if (Integer.valueOf(number).equals(connector.currentVersion())) {
            throw VersionInUseException.current(name, number);
        }
        List<String> jobs = leases.activeJobs(List.of(version.id()));
        if (!jobs.isEmpty()) {
            throw VersionInUseException.leased(name, "Version " + number, jobs);
        }
        leases.forgetVersions(List.of(version.id()));
        factories.deleteByVersionId(version.id());
        versions.delete(version);
        versions.flush();
        releaseUnusedIdentifiers(connector);
        audit.record("version.delete", workspace, name + "/" + number, AuditLog.Outcome.SUCCESS,
                Map.of("sha256", version.sha256()));
        changed(connector);
    }

    @Transactional
    public void deleteConnector(String workspace, String name) {
        Connector connector = lock(workspace, name);
        List<Long> versionIds = versions.findByConnectorIdOrderByVersionAsc(connector.id()).stream()
                .map(ConnectorVersion::id).toList();
        List<String> jobs = leases.activeJobs(versionIds);
        if (!jobs.isEmpty()) {
            throw VersionInUseException.leased(name, "A version", jobs);
        }
        leases.forgetVersions(versionIds);
        owners.deleteAll(owners.findByConnectorId(connector.id()));
        versionIds.forEach(factories::deleteByVersionId);
        versions.deleteAllById(versionIds);
        connectors.delete(connector);
        connectors.flush();
        audit.record("connector.delete", workspace, name, AuditLog.Outcome.SUCCESS,
                Map.of("versions", versionIds.size()));
        changed(connector);
    }

    /** Readers that keep derived answers forget them once this transaction commits. */
    private void changed(Connector connector) {
        events.publishEvent(new ConnectorsChanged(connector.workspaceId()));
    }

    /** Identifiers no remaining version declares are free for other connectors again. */
    private void releaseUnusedIdentifiers(Connector connector) {
        Set<String> declared = new HashSet<>();
        for (Object[] row : factories.identifiersOfConnector(connector.id())) {
            declared.add(row[0] + " " + row[1]);
        }
        owners.findByConnectorId(connector.id()).stream()
                .filter(owner -> !declared.contains(owner.family() + " " + owner.identifier()))
                .forEach(owners::delete);
    }

    private Connector lock(String workspace, String name) {
        Connector connector = queries.connector(workspace, name);
        return connectors.lockById(connector.id()).orElseThrow(() -> new ConnectorNotFoundException(workspace, name));
    }
}
