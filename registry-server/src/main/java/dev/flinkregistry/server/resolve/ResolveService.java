package dev.flinkregistry.server.resolve;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.model.Family;
import dev.flinkregistry.server.analysis.AnalysisService;
import dev.flinkregistry.server.connector.AttachedJar;
import dev.flinkregistry.server.connector.ConnectorQueries;
import dev.flinkregistry.server.connector.Offer;
import dev.flinkregistry.server.connector.Views.VersionView;
import dev.flinkregistry.server.lease.LeaseService;
import dev.flinkregistry.server.workspace.WorkspaceInfo;
import dev.flinkregistry.server.workspace.WorkspaceService;
import dev.flinkregistry.sql.FlinkSqlScanner;
import dev.flinkregistry.sql.RequiredIdentifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * DESIGN rule 5: resolves what a job needs to the current versions' pinned, immutable bytes,
 * optionally leasing them for the job. The next submission resolves {@code current} again.
 */
@Service
class ResolveService {

    private final WorkspaceService workspaces;
    private final CurrentOffers connectors;
    private final AnalysisService analysis;
    private final LeaseService leases;
    private final ConnectorQueries versions;
    private final JobChecks checks;
    private final Counter resolves;
    private static final int KNOWN_VERSIONS = 10_000;
    private final Map<Long, List<AttachedJar>> knownDependencies = new java.util.concurrent.ConcurrentHashMap<>();

    ResolveService(WorkspaceService workspaces, CurrentOffers connectors, AnalysisService analysis,
                   LeaseService leases, ConnectorQueries versions, JobChecks checks, MeterRegistry meters) {
        this.versions = versions;
        this.workspaces = workspaces;
        this.checks = checks;
        this.connectors = connectors;
        this.analysis = analysis;
        this.leases = leases;
        this.resolves = meters.counter("registry.resolves");
    }

    Resolution resolve(String workspace, ResolveRequest request, String baseUrl) {
        WorkspaceInfo ws = workspaces.get(workspace);
        Set<ResolveRequest.Wanted> wanted = wanted(request);
        List<FactoryReport> builtins = analysis.runtime(ws.flinkVersion()).builtinFactories();
        Matches matches = new Matches(
                connectors.offers(ws.id(), wanted.stream().map(ResolveRequest.Wanted::identifier).collect(Collectors.toSet())),
                builtins,
                sha256 -> baseUrl + VersionView.downloadPathOf(workspace, sha256));
        wanted.forEach(matches::add);
        if (!matches.unresolved.isEmpty()) {
            throw new UnresolvedIdentifiersException(matches.unresolved);
        }
        matches.addDependencies(dependenciesOf(matches.versionIds));
        Resolution.Lease lease = lease(ws, request, matches.versionIds);
        resolves.increment();
        List<Resolution.Jar> jars = List.copyOf(matches.jars.values());
        return new Resolution(workspace, ws.flinkVersion(), matches.resolved, jars, matches.builtIn, lease,
                checks.check(ws.flinkVersion(), jars, builtins, wanted));
    }

    /**
     * The versions' dependency JARs. A version's dependencies are written with it and never change, and
     * a version id is never given again, so what was read once is kept (up to {@link #KNOWN_VERSIONS}
     * versions): a job submission costs no extra query for versions seen before.
     */
    private Map<Long, List<AttachedJar>> dependenciesOf(Set<Long> versionIds) {
        Set<Long> unknown = versionIds.stream().filter(id -> !knownDependencies.containsKey(id))
                .collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            Map<Long, List<AttachedJar>> read = versions.dependenciesOf(unknown);
            if (knownDependencies.size() + unknown.size() > KNOWN_VERSIONS) {
                knownDependencies.clear();
            }
            unknown.forEach(id -> knownDependencies.put(id, List.copyOf(read.getOrDefault(id, List.of()))));
        }
        Map<Long, List<AttachedJar>> result = new LinkedHashMap<>();
        versionIds.forEach(id -> result.put(id, knownDependencies.getOrDefault(id, List.of())));
        return result;
    }

    /** Leases the versions for the job when the request names one; null otherwise. */
    private Resolution.Lease lease(WorkspaceInfo ws, ResolveRequest request, Set<Long> versionIds) {
        if (request.jobId() == null || request.jobId().isBlank()) {
            return null;
        }
        Duration duration = request.leaseSeconds() == null ? null : Duration.ofSeconds(request.leaseSeconds());
        Instant expires = leases.lease(ws.id(), ws.name(), request.jobId(), versionIds, duration);
        return new Resolution.Lease(request.jobId(), expires);
    }

    /**
     * Where each wanted identifier comes from: a registered connector's current version first, then
     * the Flink distribution's built-in factories; unresolved otherwise.
     */
    private static final class Matches {

        private final List<Offer> offers;
        private final List<FactoryReport> builtins;
        private final Function<String, String> downloadUrl;
        final List<Resolution.Resolved> resolved = new ArrayList<>();
        final List<Resolution.BuiltIn> builtIn = new ArrayList<>();
        final List<Map<String, String>> unresolved = new ArrayList<>();
        final Map<String, Resolution.Jar> jars = new LinkedHashMap<>();
        final Set<Long> versionIds = new LinkedHashSet<>();

        Matches(List<Offer> offers, List<FactoryReport> builtins, Function<String, String> downloadUrl) {
            this.offers = offers;
            this.builtins = builtins;
            this.downloadUrl = downloadUrl;
        }

        /** Version ids to their resolved JAR, to name the connector version a dependency travels with. */
        private final Map<Long, Resolution.Jar> byVersion = new LinkedHashMap<>();

        void addDependencies(Map<Long, List<AttachedJar>> dependencies) {
            dependencies.forEach((versionId, attached) -> {
                Resolution.Jar owner = byVersion.get(versionId);
                for (AttachedJar jar : attached) {
                    jars.putIfAbsent(jar.sha256(), new Resolution.Jar(owner.connector(), owner.version(), jar.sha256(),
                            jar.size(), downloadUrl.apply(jar.sha256()), Resolution.Jar.DEPENDENCY, jar.fileName()));
                }
            });
        }

        void add(ResolveRequest.Wanted one) {
            String identifier = one.identifier();
            String family = one.family();
            Optional<Offer> offer = offers.stream()
                    .filter(o -> o.identifier().equals(identifier) && familyMatches(family, o.family())).findFirst();
            if (offer.isPresent()) {
                resolved(identifier, offer.get());
            } else if (builtins.stream().anyMatch(b -> b.identifier().equals(identifier)
                    && b.families().stream().anyMatch(f -> familyMatches(family, f)))) {
                builtIn.add(new Resolution.BuiltIn(identifier, family == null ? "any" : family));
            } else {
                unresolved.add(Map.of("identifier", identifier, "family", family == null ? "any" : family));
            }
        }

        private void resolved(String identifier, Offer offer) {
            String url = downloadUrl.apply(offer.sha256());
            resolved.add(new Resolution.Resolved(identifier, offer.family(), offer.connector(), offer.version(),
                    offer.sha256(), offer.size(), url));
            Resolution.Jar jar = new Resolution.Jar(offer.connector(), offer.version(), offer.sha256(),
                    offer.size(), url, Resolution.Jar.CONNECTOR, offer.connector() + "-" + offer.version() + ".jar");
            jars.putIfAbsent(offer.sha256(), jar);
            byVersion.putIfAbsent(offer.versionId(), jar);
            versionIds.add(offer.versionId());
        }
    }

    /** (identifier, family) pairs (family null: any), in the order asked for; one identifier may come in several families. */
    private static Set<ResolveRequest.Wanted> wanted(ResolveRequest request) {
        Set<ResolveRequest.Wanted> wanted = new LinkedHashSet<>();
        if (request.identifiers() != null) {
            request.identifiers().forEach(w -> wanted.add(new ResolveRequest.Wanted(w.identifier(),
                    blankToNull(w.family()))));
        }
        if (request.sql() != null && !request.sql().isBlank()) {
            for (RequiredIdentifier required : FlinkSqlScanner.requiredIdentifiers(request.sql())) {
                wanted.add(new ResolveRequest.Wanted(required.identifier(), required.family().wireName()));
            }
        }
        if (wanted.isEmpty()) {
            throw new NothingToResolveException();
        }
        return wanted;
    }

    /** {@code format} matches decoding and encoding formats; no family matches any; an unknown one none. */
    static boolean familyMatches(String wanted, String offered) {
        if (wanted == null) {
            return true;
        }
        return Family.fromWireName(wanted)
                .flatMap(asked -> Family.fromWireName(offered).map(asked::satisfiedBy))
                .orElse(false);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
