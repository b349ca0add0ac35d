package dev.flinkregistry.client;

import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.Connector;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.Page;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.client.model.VersionDiff.IdentifierRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The connectors, versions and leases of {@link InMemoryRegistryClient}'s one workspace, with the
 * rules a server keeps, checked in the server's order: immutable versions whose numbers are never
 * reused, identical bytes are the version they already are, each (family, identifier) belongs to
 * the one connector some version of which offers it, breaking updates need {@code force}, and
 * current and leased versions stay. Guarded by its own monitor.
 */
final class InMemoryState implements AutoCloseable {

    /** A JAR as it was uploaded: its file, digest and size, and what the analysis made of it. */
    record Upload(Path file, String sha256, long size, Analysis analysis) {

        List<IdentifierRef> offers() {
            return InMemoryAnalysis.offers(analysis);
        }
    }

    private record StoredVersion(int number, Upload upload, Path bytes, Instant createdAt) {

        List<IdentifierRef> offers() {
            return upload.offers();
        }
    }

    private static final class StoredConnector {
        final List<StoredVersion> versions = new ArrayList<>();
        final Instant createdAt = Instant.now();
        Instant updatedAt = createdAt;
        int current;
        int lastVersion;
    }

    private final String workspace;
    private final Map<String, StoredConnector> connectors = new TreeMap<>();
    /** Job, then the SHA-256 of each version it leases, then when that lease ends. */
    private final Map<String, Map<String, Instant>> leases = new LinkedHashMap<>();
    private final InMemoryJars jars = new InMemoryJars();

    InMemoryState(String workspace) {
        this.workspace = workspace;
    }

    /** A new connector with the upload as version 1, or the version these bytes already are under this name. */
    synchronized UploadResult register(String name, Upload upload) {
        StoredConnector taken = connectors.get(name);
        if (taken != null) {
            return unchanged(name, taken, withBytes(taken, upload.sha256())
                    .orElseThrow(() -> InMemoryProblems.connectorAlreadyExists(workspace, name)));
        }
        requireAccepted(upload);
        checkOwners(name, upload.offers());
        StoredConnector connector = new StoredConnector();
        StoredVersion first = add(connector, upload);
        connectors.put(name, connector);
        return new UploadResult(view(name, connector, first, true), true,
                InMemoryAnalysis.diff(null, List.of(), 1, upload.offers()));
    }

    /** A new current version, or the version these bytes already are; a breaking one only when forced. */
    synchronized UploadResult update(String name, Upload upload, boolean force) {
        StoredConnector connector = get(name);
        Optional<StoredVersion> identical = withBytes(connector, upload.sha256());
        if (identical.isPresent()) {
            return unchanged(name, connector, identical.get());
        }
        requireAccepted(upload);
        checkOwners(name, upload.offers());
        StoredVersion current = version(name, connector, connector.current);
        VersionDiff preview = InMemoryAnalysis.diff(current.number(), current.offers(), null, upload.offers());
        if (preview.breaking() && !force) {
            throw InMemoryProblems.breakingChange(name, preview);
        }
        StoredVersion created = add(connector, upload);
        return new UploadResult(view(name, connector, created, true), true,
                InMemoryAnalysis.diff(current.number(), current.offers(), created.number(), upload.offers()));
    }

    /** Connectors whose current version matches every filter but the capability, which only an analysis knows. */
    synchronized Page<ConnectorSummary> list(ListQuery query) {
        String text = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
        List<ConnectorSummary> matching = new ArrayList<>();
        connectors.forEach((name, connector) -> {
            StoredVersion current = version(name, connector, connector.current);
            List<IdentifierRef> offers = current.offers();
            boolean matches = (query.identifier() == null || offers.stream()
                    .anyMatch(o -> o.identifier().equals(query.identifier())))
                    && (query.family() == null || offers.stream().anyMatch(o -> familyMatches(query.family(), o.family())))
                    && (text == null || name.toLowerCase(Locale.ROOT).contains(text) || offers.stream()
                            .anyMatch(o -> o.identifier().toLowerCase(Locale.ROOT).contains(text)));
            if (matches) {
                int warnings = (int) current.upload().analysis().findings().stream()
                        .filter(f -> "WARNING".equals(f.severity())).count();
                matching.add(new ConnectorSummary(name, connector.current, connector.updatedAt, "in-memory", warnings,
                        InMemoryAnalysis.summary(offers)));
            }
        });
        int from = (int) Math.min(matching.size(), (long) query.page() * query.size());
        return new Page<>(List.copyOf(matching.subList(from, Math.min(matching.size(), from + query.size()))),
                query.page(), query.size(), matching.size());
    }

    synchronized Connector connector(String name) {
        StoredConnector connector = get(name);
        return new Connector(workspace, name, connector.current, connector.versions.size(), connector.createdAt,
                connector.updatedAt, view(name, connector, version(name, connector, connector.current), true));
    }

    /** Every version, oldest first, without analyses. */
    synchronized List<Version> versions(String name) {
        StoredConnector connector = get(name);
        return connector.versions.stream().map(v -> view(name, connector, v, false)).toList();
    }

    synchronized Version version(String name, int number) {
        StoredConnector connector = get(name);
        return view(name, connector, version(name, connector, number), true);
    }

    synchronized VersionDiff diff(String name, int from, int to) {
        StoredConnector connector = get(name);
        return InMemoryAnalysis.diff(from, version(name, connector, from).offers(), to,
                version(name, connector, to).offers());
    }

    /** Moves the current pointer; a move that breaks jobs, as an update would, only when forced. */
    synchronized Connector setCurrent(String name, int number, boolean force) {
        StoredConnector connector = get(name);
        StoredVersion target = version(name, connector, number);
        StoredVersion current = version(name, connector, connector.current);
        VersionDiff diff = InMemoryAnalysis.diff(current.number(), current.offers(), number, target.offers());
        if (diff.breaking() && !force) {
            throw InMemoryProblems.breakingRollback(name, diff);
        }
        connector.current = number;
        connector.updatedAt = Instant.now();
        return connector(name);
    }

    synchronized void deleteVersion(String name, int number) {
        StoredConnector connector = get(name);
        StoredVersion version = version(name, connector, number);
        if (number == connector.current) {
            throw InMemoryProblems.versionIsCurrent(name, number);
        }
        checkNotLeased(name, "Version " + number, List.of(version));
        connector.versions.remove(version);
    }

    synchronized void deleteConnector(String name) {
        checkNotLeased(name, "A version", get(name).versions);
        connectors.remove(name);
    }

    /** What current versions offer for these identifiers, ordered by identifier, then family. */
    synchronized List<InMemoryResolver.Offer> currentOffers(Collection<String> identifiers) {
        List<InMemoryResolver.Offer> offers = new ArrayList<>();
        connectors.forEach((name, connector) -> {
            StoredVersion current = version(name, connector, connector.current);
            current.offers().stream().filter(ref -> identifiers.contains(ref.identifier()))
                    .forEach(ref -> offers.add(new InMemoryResolver.Offer(ref, name, current.number(),
                            current.upload().sha256(), current.upload().size())));
        });
        offers.sort(Comparator.comparing((InMemoryResolver.Offer o) -> o.ref().identifier())
                .thenComparing(o -> o.ref().family()));
        return offers;
    }

    /** Whether a current version offers the identifier in exactly this family. */
    synchronized boolean offers(String family, String identifier) {
        return connectors.entrySet().stream().anyMatch(e -> version(e.getKey(), e.getValue(), e.getValue().current)
                .offers().contains(new IdentifierRef(family, identifier)));
    }

    /** Leases (or renews) the versions with these bytes for the job until {@code ends}. */
    synchronized void lease(String jobId, Collection<String> sha256s, Instant ends) {
        Map<String, Instant> leased = leases.computeIfAbsent(jobId, j -> new LinkedHashMap<>());
        sha256s.forEach(sha256 -> leased.put(sha256, ends));
    }

    synchronized void release(String jobId) {
        leases.remove(jobId);
    }

    /** The kept copy of the bytes some version has. */
    synchronized Optional<Path> file(String sha256) {
        return connectors.values().stream().flatMap(c -> c.versions.stream())
                .filter(v -> v.upload().sha256().equals(sha256)).map(StoredVersion::bytes).findFirst();
    }

    @Override
    public void close() {
        jars.close();
    }

    private StoredVersion add(StoredConnector connector, Upload upload) {
        int number = ++connector.lastVersion;
        StoredVersion version = new StoredVersion(number, upload, jars.keep(upload.file(), upload.sha256()),
                Instant.now());
        connector.versions.add(version);
        connector.current = number;
        connector.updatedAt = version.createdAt();
        return version;
    }

    /** Identical bytes: the version they are, with an empty diff, since nothing changed. */
    private UploadResult unchanged(String name, StoredConnector connector, StoredVersion existing) {
        return new UploadResult(view(name, connector, existing, true), false,
                InMemoryAnalysis.diff(existing.number(), existing.offers(), existing.number(), existing.offers()));
    }

    private static Optional<StoredVersion> withBytes(StoredConnector connector, String sha256) {
        return connector.versions.stream().filter(v -> v.upload().sha256().equals(sha256)).findFirst();
    }

    private static void requireAccepted(Upload upload) {
        if (!upload.analysis().accepted()) {
            throw InMemoryProblems.analysisRefused(upload.analysis());
        }
    }

    /** Refuses a (family, identifier) that some version of another connector offers. */
    private void checkOwners(String name, List<IdentifierRef> offers) {
        connectors.forEach((other, connector) -> {
            if (other.equals(name)) {
                return;
            }
            for (IdentifierRef ref : offers) {
                if (connector.versions.stream().anyMatch(v -> v.offers().contains(ref))) {
                    throw InMemoryProblems.identifierTaken(ref, other);
                }
            }
        });
    }

    private void checkNotLeased(String name, String what, List<StoredVersion> versions) {
        Instant now = Instant.now();
        List<String> jobs = new ArrayList<>();
        leases.forEach((job, leased) -> {
            boolean holds = versions.stream().map(v -> leased.get(v.upload().sha256()))
                    .anyMatch(ends -> ends != null && ends.isAfter(now));
            if (holds) {
                jobs.add(job);
            }
        });
        if (!jobs.isEmpty()) {
            throw InMemoryProblems.versionLeased(name, what, jobs);
        }
    }

    private StoredConnector get(String name) {
        StoredConnector connector = connectors.get(name);
        if (connector == null) {
            throw InMemoryProblems.connectorNotFound(workspace, name);
        }
        return connector;
    }

    private static StoredVersion version(String name, StoredConnector connector, int number) {
        return connector.versions.stream().filter(v -> v.number() == number).findFirst()
                .orElseThrow(() -> InMemoryProblems.versionNotFound(name, number));
    }

    private Version view(String name, StoredConnector connector, StoredVersion version, boolean withAnalysis) {
        Upload upload = version.upload();
        return new Version(workspace, name, version.number(), upload.sha256(), upload.size(),
                upload.file().getFileName().toString(), "UPLOAD", null, "in-memory", version.createdAt(),
                version.number() == connector.current, "/api/v1/workspaces/" + workspace + "/jars/" + upload.sha256(),
                withAnalysis ? upload.analysis() : null, null, List.of());
    }

    /** {@code format} finds decoding and encoding formats alike, as the server's search does. */
    private static boolean familyMatches(String asked, String offered) {
        return asked.equals(offered) || dev.flinkregistry.model.Family.fromWireName(asked)
                .flatMap(a -> dev.flinkregistry.model.Family.fromWireName(offered).map(a::satisfiedBy)).orElse(false);
    }
}
