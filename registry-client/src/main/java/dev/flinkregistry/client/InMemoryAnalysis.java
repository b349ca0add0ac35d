package dev.flinkregistry.client;

import dev.flinkregistry.client.model.Analysis;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.FactoryInfo;
import dev.flinkregistry.client.model.Finding;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.client.model.VersionDiff.IdentifierRef;
import dev.flinkregistry.model.Family;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link InMemoryRegistryClient} makes of a JAR, knowing only the (family, identifier) pairs
 * its {@link InMemoryRegistryClient.IdentifierSource} names: one factory per identifier, and the
 * two errors a server's analysis would find from those alone (nothing offered, an identifier
 * Flink ships), a listing's summary, and the diff of two versions. Options and capabilities stay
 * empty, so only a dropped identifier breaks jobs.
 */
final class InMemoryAnalysis {

    private InMemoryAnalysis() {}

    /** The analysis of a JAR that offers these pairs; accepted when it finds no error. */
    static Analysis of(String flinkVersion, Path jar, String sha256, long size, List<IdentifierRef> offers) {
        Map<String, List<String>> families = new LinkedHashMap<>();
        offers.forEach(ref -> families.computeIfAbsent(ref.identifier(), i -> new ArrayList<>()).add(ref.family()));
        List<FactoryInfo> factories = families.entrySet().stream()
                .map(e -> new FactoryInfo(null, true, e.getKey(), List.copyOf(e.getValue()), List.of(), List.of(),
                        List.of(), null))
                .toList();
        List<Finding> findings = findings(flinkVersion, offers);
        // The JAR is not opened, so its entries, classes and the Flink version it was built for stay unknown.
        return new Analysis(flinkVersion, flinkVersion, new Analysis.JarInfo(jar.getFileName().toString(), size, sha256,
                null, null, null, null), new Analysis.BuiltFor(null, false, List.of()), factories, findings,
                findings.stream().noneMatch(f -> "ERROR".equals(f.severity())), 0, -1);
    }

    /** The (family, identifier) pairs an analysis found. */
    static List<IdentifierRef> offers(Analysis analysis) {
        return analysis.factories().stream()
                .flatMap(f -> f.families().stream().map(family -> new IdentifierRef(family, f.identifier())))
                .toList();
    }

    private static List<Finding> findings(String flinkVersion, List<IdentifierRef> offers) {
        List<Finding> findings = new ArrayList<>();
        if (offers.isEmpty()) {
            findings.add(new Finding("NO_LOADABLE_FACTORY", "ERROR", "None of the declared factories loads in Flink "
                    + flinkVersion + ", so the JAR offers nothing a job can use (its IdentifierSource names none).",
                    null, List.of()));
        }
        offers.stream().filter(ref -> builtIn(flinkVersion, ref)).map(IdentifierRef::identifier).distinct()
                .forEach(identifier -> findings.add(new Finding("BUILTIN_IDENTIFIER", "ERROR", "'" + identifier
                        + "' is built into Flink " + flinkVersion + "; a second factory with that identifier makes "
                        + "Flink fail with \"Multiple factories\". Choose another identifier.", identifier, List.of())));
        return findings;
    }

    private static boolean builtIn(String flinkVersion, IdentifierRef ref) {
        return Family.fromWireName(ref.family())
                .map(family -> BuiltInIdentifiers.familiesOf(flinkVersion, ref.identifier()).contains(family))
                .orElse(false);
    }

    /** One entry per identifier, with its families, ordered by identifier and family as a server lists them. */
    static List<ConnectorSummary.Offered> summary(List<IdentifierRef> offers) {
        Map<String, Set<String>> families = new TreeMap<>();
        offers.forEach(ref -> families.computeIfAbsent(ref.identifier(), i -> new TreeSet<>()).add(ref.family()));
        return families.entrySet().stream()
                .map(e -> new ConnectorSummary.Offered(e.getKey(), List.copyOf(e.getValue()), List.of())).toList();
    }

    /** What changed between two lists of offers; dropping one breaks jobs (options are not known here). */
    static VersionDiff diff(Integer from, List<IdentifierRef> before, Integer to, List<IdentifierRef> after) {
        Set<IdentifierRef> old = new LinkedHashSet<>(before);
        Set<IdentifierRef> now = new LinkedHashSet<>(after);
        List<IdentifierRef> added = now.stream().filter(r -> !old.contains(r)).toList();
        List<IdentifierRef> removed = old.stream().filter(r -> !now.contains(r)).toList();
        List<String> breaking = removed.stream().map(r -> "drops '" + r.identifier() + "' (" + r.family() + ")").toList();
        return new VersionDiff(from, to, added, removed, List.of(), List.of(), List.of(), breaking, List.of(), List.of());
    }
}
