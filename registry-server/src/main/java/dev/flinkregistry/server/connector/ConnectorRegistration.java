package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.server.analysis.AnalysisService;
import dev.flinkregistry.server.audit.AuditLog;
import dev.flinkregistry.server.connector.Views.UploadResult;
import dev.flinkregistry.server.storage.BlobClaims;
import dev.flinkregistry.server.storage.BlobIntegrity;
import dev.flinkregistry.server.storage.BlobStore;
import dev.flinkregistry.server.upload.JarSource;
import dev.flinkregistry.server.upload.ReceivedJar;
import dev.flinkregistry.server.upload.Uploads.Dependency;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers connectors and their new versions (DESIGN rules 1, 2, 4, 6, 7): analyse, check
 * ownership and compatibility, store the bytes durably, then commit the metadata in one
 * transaction. A failure at any point leaves the complete version or nothing.
 */
@Service
public class ConnectorRegistration {

    private final WorkspaceService workspaces;
    private final AnalysisService analysis;
    private final BlobStore blobs;
    private final BlobIntegrity integrity;
    private final BlobClaims claims;
    private final ConnectorRepository connectors;
    private final ConnectorVersionRepository versions;
    private final VersionRecorder recorder;
    private final ConnectorQueries queries;
    private final UpdatePreview updatePreview;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final AuditLog audit;
    private final AttachedDependencies attached;
    private final DependencyHints hints;

    ConnectorRegistration(WorkspaceService workspaces, AnalysisService analysis, BlobStore blobs, BlobIntegrity integrity,
                          BlobClaims claims, ConnectorRepository connectors, ConnectorVersionRepository versions, VersionRecorder recorder,
                          ConnectorQueries queries, UpdatePreview updatePreview, TransactionTemplate transactions,
                          ApplicationEventPublisher events, MeterRegistry meters, AuditLog audit,
                          AttachedDependencies attached, DependencyHints hints) {
        this.attached = attached;
        this.hints = hints;
        this.workspaces = workspaces;
        this.analysis = analysis;
        this.blobs = blobs;
        this.integrity = integrity;
        this.claims = claims;
        this.connectors = connectors;
        this.versions = versions;
        this.recorder = recorder;
        this.queries = queries;
        this.updatePreview = updatePreview;
        this.transactions = transactions;
        this.events = events;
        this.meters = meters;
        this.audit = audit;
    }

    /**
     * Registers a new connector with the JAR as its version 1. The same bytes registered again under
     * the same name (a retried request, say) are idempotent (DESIGN rule 4): the answer is the
     * version they already are, and nothing is created.
     *
     * @param accept error findings the caller (an admin) accepts on purpose, or null
     */
    public UploadResult register(String workspace, String name, ReceivedJar jar, JarSource source, String createdBy,
                                 AcceptFindings accept) {
        return register(workspace, name, jar, source, createdBy, accept, List.of());
    }

    /**
     * Like {@link #register(String, String, ReceivedJar, JarSource, String, AcceptFindings)}, with JARs that
     * travel with the connector (a driver, a client library): checked for archive safety, on the analysis
     * worker's class path, stored and recorded with the version in its class-path order.
     */
    public UploadResult register(String workspace, String name, ReceivedJar jar, JarSource source, String createdBy,
                                 AcceptFindings accept, List<Dependency> dependencies) {
        WorkspaceInfo ws = workspaces.get(workspace);
        repairIfCorrupt(jar);
        String key = AttachedDependencies.key(dependencies);
        Optional<UploadResult> repeated = repeatedRegistration(ws, name, jar, key);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        attached.check(jar, dependencies, true);
        Analysed analysed = analyse(jar, ws, accept, dependencies);
        JarAnalysis result = analysed.result();
        // Again: another request may have registered the name while this JAR was analysed.
        repeated = repeatedRegistration(ws, name, jar, key);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        Optional<IdentifierAlreadyRegisteredException> taken = takenIdentifier(ws, null, result);
        if (taken.isPresent()) {
            // The owner may be this very registration, committed by a rival request a moment ago.
            return repeatedRegistration(ws, name, jar, key).orElseThrow(taken::get);
        }
        store(jar);
        dependencies.forEach(d -> store(d.jar()));
        try {
            VersionDiff diff = CompatibilityCheck.diff(null, null, 1, result)
                    .withDependencies(List.of(), sources(dependencies));
            int number = transactions.execute(status -> {
                Connector connector = connectors.saveAndFlush(new Connector(ws.id(), name, Instant.now()));
                int first = connector.nextVersion();
                ConnectorVersion version = recorder.record("connector.register", ws.name(), connector, first, source,
                        createdBy, result, analysed.accepted(), false, key, dependencies.size());
                attached.record(version.id(), dependencies);
                connector.makeCurrent(first, Instant.now());
                // In the transaction: other replicas hear of it when, and only if, it commits.
                events.publishEvent(new ConnectorsChanged(ws.id()));
                return first;
            });
            countUpload(jar);
            return new UploadResult(queries.version(workspace, name, number), true, diff);
        } catch (DataIntegrityViolationException conflict) {
            // A rival request committed the name first; with these very bytes, this is a repetition.
            return repeatedRegistration(ws, name, jar, key).orElseThrow(() -> explain(ws, null, result, conflict));
        }
    }

    /**
     * Adds the JAR as a new version of an existing connector, or returns the version with identical bytes.
     *
     * @param accept error findings the caller (an admin) accepts on purpose, or null
     */
    public UploadResult update(String workspace, String name, ReceivedJar jar, JarSource source, boolean force,
                               String createdBy, AcceptFindings accept) {
        return update(workspace, name, jar, source, force, createdBy, accept, List.of(), false);
    }

    /**
     * Like {@link #update(String, String, ReceivedJar, JarSource, boolean, String, AcceptFindings)}, with the
     * new version's dependency JARs: those sent; or, when none are sent, the current version's (carried
     * over), unless {@code clearDependencies}. The same JAR with other dependencies is a new version.
     */
    public UploadResult update(String workspace, String name, ReceivedJar jar, JarSource source, boolean force,
                               String createdBy, AcceptFindings accept, List<Dependency> sent,
                               boolean clearDependencies) {
        WorkspaceInfo ws = workspaces.get(workspace);
        Connector connector = connectors.findByWorkspaceIdAndName(ws.id(), name)
                .orElseThrow(() -> new ConnectorNotFoundException(workspace, name));
        repairIfCorrupt(jar);
        Optional<ConnectorVersion> current = connector.currentVersion() == null ? Optional.empty()
                : versions.findByConnectorIdAndVersion(connector.id(), connector.currentVersion());
        boolean carry = sent.isEmpty() && !clearDependencies && current.isPresent();
        String key = carry ? current.get().dependenciesKey() : AttachedDependencies.key(sent);
        Optional<ConnectorVersion> identical = versions.findByConnectorIdAndSha256AndDependenciesKey(connector.id(),
                jar.sha256(), key);
        if (identical.isPresent()) {
            return unchanged("version.create", workspace, name, identical.get());
        }
        List<Dependency> carried = carry ? attached.carriedOver(current.get().id()) : List.of();
        try {
            return update(ws, connector, jar, source, force, createdBy, accept, carry ? carried : sent, key,
                    current.map(v -> sources(attached.of(v.id()))).orElse(List.of()));
        } finally {
            carried.forEach(AttachedDependencies::closeQuietly);
        }
    }

    private UploadResult update(WorkspaceInfo ws, Connector connector, ReceivedJar jar, JarSource source, boolean force,
                                String createdBy, AcceptFindings accept, List<Dependency> dependencies, String key,
                                List<JarSource> before) {
        String workspace = ws.name();
        String name = connector.name();
        attached.check(jar, dependencies, true);
        Analysed analysed = analyse(jar, ws, accept, dependencies);
        JarAnalysis result = analysed.result();
        checkOwnership(ws, connector.id(), result);
        VersionDiff preview = updatePreview.againstCurrent(connector, result).withDependencies(before,
                sources(dependencies));
        if (preview.breaking() && !force) {
            throw new BreakingChangeException(name, preview);
        }
        store(jar);
        dependencies.forEach(d -> store(d.jar()));
        try {
            Stored stored = transactions.execute(status -> addVersion(connector.id(), ws, name, jar, source, createdBy,
                    analysed, preview.breaking(), key, dependencies));
            if (!stored.created()) {
                // Another request stored the same bytes first: this one created nothing (DESIGN rule 4).
                return unchanged("version.create", workspace, name, stored.version());
            }
            ConnectorVersion created = stored.version();
            countUpload(jar);
            return new UploadResult(queries.version(workspace, name, created.version()), true,
                    preview.numbered(created.version()));
        } catch (DataIntegrityViolationException conflict) {
            throw explain(ws, connector.id(), result, conflict);
        }
    }

    /**
     * In the update's transaction: the new version, unless a rival request stored the same bytes first.
     *
     * @param forced true when the version breaks jobs and the caller forced it
     */
    private Stored addVersion(Long connectorId, WorkspaceInfo ws, String name, ReceivedJar jar, JarSource source,
                              String createdBy, Analysed analysed, boolean forced, String key,
                              List<Dependency> dependencies) {
        Connector locked = connectors.lockById(connectorId)
                .orElseThrow(() -> new ConnectorNotFoundException(ws.name(), name));
        Optional<ConnectorVersion> raced = versions.findByConnectorIdAndSha256AndDependenciesKey(locked.id(),
                jar.sha256(), key);
        if (raced.isPresent()) {
            return new Stored(raced.get(), false);
        }
        int number = locked.nextVersion();
        ConnectorVersion version = recorder.record("version.create", ws.name(), locked, number, source, createdBy,
                analysed.result(), analysed.accepted(), forced, key, dependencies.size());
        attached.record(version.id(), dependencies);
        locked.makeCurrent(number, Instant.now());
        events.publishEvent(new ConnectorsChanged(ws.id()));
        return new Stored(version, true);
    }

    /** Identical bytes: the existing version, and an empty diff, since nothing changed. */
    private UploadResult unchanged(String action, String workspace, String name, ConnectorVersion existing) {
        audit.record(action, workspace, name + "/" + existing.version(), AuditLog.Outcome.UNCHANGED,
                Map.of("sha256", existing.sha256()));
        JarAnalysis analysis = recorder.analysisOf(existing);
        List<JarSource> same = sources(attached.of(existing.id()));
        VersionDiff nothing = CompatibilityCheck.diff(existing.version(), analysis, existing.version(), analysis)
                .withDependencies(same, same);
        return new UploadResult(queries.version(workspace, name, existing.version()), false, nothing);
    }

    /** What the update's transaction did. */
    private record Stored(ConnectorVersion version, boolean created) {}

    /**
     * An analysis that lets the JAR be registered.
     *
     * @param accepted the refusing findings an admin accepted, with the reason; null when nothing refused it
     */
    private record Analysed(JarAnalysis result, AcceptFindings accepted) {}

    /**
     * Refuses a JAR the analysis refuses (DESIGN rule 2), unless an admin accepted every finding that
     * refuses it and each of them may be accepted; then only the codes that refused it are recorded.
     */
    private Analysed analyse(ReceivedJar jar, WorkspaceInfo ws, AcceptFindings accept, List<Dependency> dependencies) {
        JarAnalysis result = dependencies.isEmpty()
                ? analysis.analyze(jar.file(), jar.fileName(), ws.flinkVersion(), jar.sha256())
                : analysis.analyze(jar.file(), jar.fileName(), ws.flinkVersion(), jar.sha256(),
                        AttachedDependencies.files(dependencies));
        // A class the analysis misses that a registered dependency JAR holds: say which (refused or not).
        result = hints.withHints(ws.id(), result);
        if (result.accepted()) {
            return new Analysed(result, null);
        }
        Optional<List<String>> accepted = FindingAcceptance.accepted(result, accept);
        if (accepted.isEmpty()) {
            throw new AnalysisRefusedException(result, accept == null ? Set.of() : accept.codes());
        }
        return new Analysed(result, new AcceptFindings(Set.copyOf(accepted.get()), accept.reason()));
    }

    /**
     * Empty while the name is free; the version these bytes already are when the connector of that
     * name has them; otherwise {@code CONNECTOR_ALREADY_EXISTS}.
     */
    private Optional<UploadResult> repeatedRegistration(WorkspaceInfo ws, String name, ReceivedJar jar, String key) {
        Optional<Connector> existing = connectors.findByWorkspaceIdAndName(ws.id(), name);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        ConnectorVersion same = versions.findByConnectorIdAndSha256AndDependenciesKey(existing.get().id(),
                        jar.sha256(), key)
                .orElseThrow(() -> new ConnectorAlreadyExistsException(ws.name(), name));
        return Optional.of(unchanged("connector.register", ws.name(), name, same));
    }

    private void checkOwnership(WorkspaceInfo ws, Long connectorId, JarAnalysis result) {
        Optional<IdentifierAlreadyRegisteredException> taken = takenIdentifier(ws, connectorId, result);
        if (taken.isPresent()) {
            throw taken.get();
        }
    }

    /** The first identifier of the analysis that another connector of the workspace owns. */
    private Optional<IdentifierAlreadyRegisteredException> takenIdentifier(WorkspaceInfo ws, Long connectorId,
                                                                          JarAnalysis result) {
        return recorder.foreignOwners(ws.id(), connectorId, result).stream().findFirst()
                .map(owner -> new IdentifierAlreadyRegisteredException(owner.family(), owner.identifier(),
                        queries.nameOf(owner.connectorId())));
    }

    /**
     * Claims the digest (so no replica's collector deletes the bytes before the commit), stores the
     * bytes and learns the SHA-256 of what the store now holds: what is about to be committed is
     * exactly what was received, hashed and analysed, whatever happened to the scratch file meanwhile.
     */
    private void store(ReceivedJar jar) {
        store(jar.sha256(), jar.file(), jar.partMd5s());
    }

    private void store(String sha256, Path file, List<byte[]> partMd5s) {
        String stored;
        claims.claim(sha256);
        try {
            stored = blobs.store(sha256, file, partMd5s);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the JAR", e);
        }
        if (!stored.equals(sha256) || integrity.isKnownCorrupt(sha256)) {
            integrity.record(sha256, stored);
        }
        if (!stored.equals(sha256)) {
            throw new StoredBytesChangedException(sha256, stored);
        }
    }

    /**
     * Bytes the scrubber found corrupt are stored again from this good copy, even when the request
     * turns out to repeat an existing version: sending the JAR again is how an operator repairs it.
     */
    private void repairIfCorrupt(ReceivedJar jar) {
        if (integrity.isKnownCorrupt(jar.sha256())) {
            try {
                // Deleted first: a store may know stored bytes by a record of its own (an object's ETag)
                // that the change the scrubber found did not touch. A copy: the analysis still needs the file.
                blobs.delete(jar.sha256());
                Path copy = Files.copy(jar.file(), jar.file().resolveSibling(jar.file().getFileName() + ".repair"));
                if (blobs.keepsTheFile()) {
                    try (FileChannel written = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                        written.force(true); // the copy is moved into place as the stored bytes
                    }
                }
                store(jar.sha256(), copy, List.of());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not store the JAR", e);
            }
        }
    }

    /**
     * An identifier raced another replica or request: say which one, in the same words as the check.
     * (A raced name is answered by {@link #repeatedRegistration} before this is asked.)
     */
    private RuntimeException explain(WorkspaceInfo ws, Long connectorId, JarAnalysis result,
                                     DataIntegrityViolationException conflict) {
        return takenIdentifier(ws, connectorId, result).<RuntimeException>map(e -> e).orElse(conflict);
    }

    private static List<JarSource> sources(List<?> dependencies) {
        return dependencies.stream().map(d -> d instanceof Dependency sent ? sent.source()
                : ((VersionDependency) d).source()).toList();
    }

    private void countUpload(ReceivedJar jar) {
        meters.counter("registry.uploads").increment();
        meters.counter("registry.upload.bytes").increment(jar.size());
    }
}
