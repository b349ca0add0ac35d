package dev.flinkregistry.client;

import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.client.model.Connector;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.Page;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff.IdentifierRef;
import dev.flinkregistry.client.model.VersionDiff;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The state behind {@link InMemoryRegistryClient}, guarded by its own monitor. */
final class InMemoryState {

    private record StoredVersion(int number, String sha256, Path file, long size, List<IdentifierRef> offers,
                                 Instant createdAt) {}

    private static final class StoredConnector {
        final List<StoredVersion> versions = new ArrayList<>();
        int current;
        Instant createdAt = Instant.now();
        Instant updatedAt = createdAt;
    }

    private final Map<String, StoredConnector> connectors = new TreeMap<>();
    private final Map<String, Map<String, Instant>> leases = new LinkedHashMap<>();

    synchronized UploadResult register(String workspace, String name, Path jar, String sha256,
                                       List<IdentifierRef> offers) {
        StoredConnector taken = connectors.get(name);
        if (taken != null) {
            StoredVersion same = taken.versions.stream().filter(v -> v.sha256().equals(sha256)).findFirst()
                    .orElseThrow(() -> new ConflictException("CONNECTOR_ALREADY_EXISTS",
                            "Connector '" + name + "' already exists", Map.of()));
            return new UploadResult(view(workspace, name, taken, same), false,
                    diff(same.offers(), same.offers(), same.number(), same.number()));
        }
        checkOwners(name, offers);
        StoredConnector connector = new StoredConnector();
        connector.versions.add(new StoredVersion(1, sha256, jar, size(jar), List.copyOf(offers), Instant.now()));
        connector.current = 1;
        connectors.put(name, connector);
        return new UploadResult(view(workspace, name, connector, connector.versions.get(0)), true,
                diff(List.of(), offers, null, 1));
    }

    synchronized UploadResult update(String workspace, String name, Path jar, String sha256,
                                     List<IdentifierRef> offers, boolean force) {
        StoredConnector connector = get(name);
        StoredVersion current = version(name, connector, connector.current);
        for (StoredVersion existing : connector.versions) {
            if (existing.sha256().equals(sha256)) {
                return new UploadResult(view(workspace, name, connector, existing), false,
                        diff(current.offers(), existing.offers(), current.number(), existing.number()));
            }
        }
        checkOwners(name, offers);
        int number = connector.versions.stream().mapToInt(StoredVersion::number).max().orElse(0) + 1;
        VersionDiff diff = diff(current.offers(), offers, current.number(), number);
        if (diff.breaking() && !force) {
            throw new ConflictException("BREAKING_CHANGE", String.join("; ", diff.breakingChanges()), Map.of());
        }
        StoredVersion created = new StoredVersion(number, sha256, jar, size(jar), List.copyOf(offers), Instant.now());
        connector.versions.add(created);
        connector.current = number;
        connector.updatedAt = Instant.now();
        return new UploadResult(view(workspace, name, connector, created), true, diff);
    }

    synchronized Page<ConnectorSummary> list(ListQuery query) {
        List<ConnectorSummary> all = new ArrayList<>();
        connectors.forEach((name, connector) -> {
            StoredVersion current = version(name, connector, connector.current);
            boolean matches = (query.identifier() == null || current.offers().stream()
                    .anyMatch(o -> o.identifier().equals(query.identifier())))
                    && (query.family() == null || current.offers().stream().anyMatch(o -> o.family().equals(query.family())))
                    && (query.text() == null || name.contains(query.text()));
            if (matches) {
                all.add(new ConnectorSummary(name, connector.current, connector.updatedAt, current.offers().stream()
                        .map(o -> new ConnectorSummary.Offered(o.identifier(), List.of(o.family()), List.of())).toList()));
            }
        });
        int from = Math.min(all.size(), query.page() * query.size());
        return new Page<>(all.subList(from, Math.min(all.size(), from + query.size())), query.page(), query.size(),
                all.size());
    }

    synchronized Connector connector(String workspace, String name) {
        StoredConnector connector = get(name);
        return new Connector(workspace, name, connector.current, connector.versions.size(), connector.createdAt,
                connector.updatedAt, view(workspace, name, connector, version(name, connector, connector.current)));
    }

    synchronized List<Version> versions(String workspace, String name) {
        StoredConnector connector = get(name);
        return connector.versions.stream().map(v -> view(workspace, name, connector, v)).toList();
    }

    synchronized Version version(String workspace, String name, int number) {
        StoredConnector connector = get(name);
        return view(workspace, name, connector, version(name, connector, number));
    }

    synchronized VersionDiff diff(String name, int from, int to) {
        StoredConnector connector = get(name);
        return diff(version(name, connector, from).offers(), version(name, connector, to).offers(), from, to);
    }

    synchronized void setCurrent(String name, int number) {
        StoredConnector connector = get(name);
        version(name, connector, number);
        connector.current = number;
        connector.updatedAt = Instant.now();
    }

    synchronized void deleteVersion(String name, int number) {
        StoredConnector connector = get(name);
        StoredVersion version = version(name, connector, number);
        if (number == connector.current) {
            throw new ConflictException("VERSION_IS_CURRENT", "Version " + number + " is current", Map.of());
        }
        checkNotLeased(name, List.of(version));
        connector.versions.remove(version);
    }

    synchronized void deleteConnector(String name) {
        checkNotLeased(name, get(name).versions);
        connectors.remove(name);
    }

    synchronized Resolution resolve(String workspace, String flinkVersion, Map<String, String> wanted,
                                    List<Resolution.BuiltIn> builtIn, String jobId, Instant leaseEnds) {
        List<Resolution.Resolved> resolved = new ArrayList<>();
        Map<String, Resolution.Jar> jars = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        wanted.forEach((identifier, family) -> {
            Optional<Map.Entry<String, StoredConnector>> owner = connectors.entrySet().stream()
                    .filter(e -> version(e.getKey(), e.getValue(), e.getValue().current).offers().stream()
                            .anyMatch(o -> o.identifier().equals(identifier)))
                    .findFirst();
            if (owner.isEmpty()) {
                unresolved.add(identifier);
                return;
            }
            StoredVersion current = version(owner.get().getKey(), owner.get().getValue(), owner.get().getValue().current);
            String url = "memory:" + current.sha256();
            resolved.add(new Resolution.Resolved(identifier, family, owner.get().getKey(), current.number(),
                    current.sha256(), current.size(), url));
            jars.putIfAbsent(current.sha256(), new Resolution.Jar(owner.get().getKey(), current.number(),
                    current.sha256(), current.size(), url));
        });
        if (!unresolved.isEmpty()) {
            throw new RegistryProblemException(422, "UNRESOLVED_IDENTIFIERS", "Nothing provides " + unresolved,
                    Map.of("unresolved", unresolved));
        }
        if (jobId != null) {
            jars.keySet().forEach(sha -> leases.computeIfAbsent(jobId, j -> new LinkedHashMap<>()).put(sha, leaseEnds));
        }
        Resolution.Lease lease = jobId == null ? null : new Resolution.Lease(jobId, leaseEnds);
        return new Resolution(workspace, flinkVersion, resolved, List.copyOf(jars.values()), builtIn, lease);
    }

    synchronized void release(String jobId) {
        leases.remove(jobId);
    }

    synchronized boolean offers(String identifier) {
        return connectors.entrySet().stream().anyMatch(e -> version(e.getKey(), e.getValue(), e.getValue().current)
                .offers().stream().anyMatch(o -> o.identifier().equals(identifier)));
    }

    synchronized Optional<Path> file(String sha256) {
        return connectors.values().stream().flatMap(c -> c.versions.stream())
                .filter(v -> v.sha256().equals(sha256)).map(StoredVersion::file).findFirst();
    }

    private void checkOwners(String name, List<IdentifierRef> offers) {
        connectors.forEach((other, connector) -> {
            if (other.equals(name)) {
                return;
            }
            for (StoredVersion version : connector.versions) {
                for (IdentifierRef ref : offers) {
                    if (version.offers().contains(ref)) {
                        throw new ConflictException("IDENTIFIER_ALREADY_REGISTERED", "'" + ref.identifier()
                                + "' is already provided by connector '" + other + "'", Map.of("owner", other));
                    }
                }
            }
        });
    }

    private void checkNotLeased(String name, List<StoredVersion> versions) {
        Instant now = Instant.now();
        List<String> jobs = new ArrayList<>();
        leases.forEach((job, shas) -> versions.forEach(v -> {
            Instant ends = shas.get(v.sha256());
            if (ends != null && ends.isAfter(now) && !jobs.contains(job)) {
                jobs.add(job);
            }
        }));
        if (!jobs.isEmpty()) {
            throw new ConflictException("VERSION_LEASED", "'" + name + "' is in use by jobs " + jobs,
                    Map.of("jobs", jobs));
        }
    }

    private StoredConnector get(String name) {
        StoredConnector connector = connectors.get(name);
        if (connector == null) {
            throw new NotFoundException("CONNECTOR_NOT_FOUND", "Connector '" + name + "' does not exist", Map.of());
        }
        return connector;
    }

    private static StoredVersion version(String name, StoredConnector connector, int number) {
        return connector.versions.stream().filter(v -> v.number() == number).findFirst()
                .orElseThrow(() -> new NotFoundException("VERSION_NOT_FOUND",
                        "Connector '" + name + "' has no version " + number, Map.of()));
    }

    private static Version view(String workspace, String name, StoredConnector connector, StoredVersion version) {
        return new Version(workspace, name, version.number(), version.sha256(), version.size(),
                version.file().getFileName().toString(), "UPLOAD", null, "in-memory", version.createdAt(),
                version.number() == connector.current, "memory:" + version.sha256(), null);
    }

    private static VersionDiff diff(List<IdentifierRef> before, List<IdentifierRef> after, Integer from, int to) {
        Set<IdentifierRef> old = new LinkedHashSet<>(before);
        Set<IdentifierRef> now = new LinkedHashSet<>(after);
        List<IdentifierRef> added = now.stream().filter(r -> !old.contains(r)).toList();
        List<IdentifierRef> removed = old.stream().filter(r -> !now.contains(r)).toList();
        List<String> breaking = removed.stream().map(r -> "drops '" + r.identifier() + "' (" + r.family() + ")").toList();
        return new VersionDiff(from, to, added, removed, List.of(), List.of(), List.of(), breaking);
    }

    static long size(Path jar) {
        try {
            return java.nio.file.Files.size(jar);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
