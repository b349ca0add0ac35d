package dev.flinkregistry.server.explain;

import dev.flinkregistry.server.connector.ProvidedBy;
import dev.flinkregistry.server.connector.VersionClasses;
import dev.flinkregistry.server.explain.Explanation.ExplainProvider;
import dev.flinkregistry.server.explain.Explanation.ExplainedProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Multiple factories for identifier 'x'": which JARs the ambiguous classes come from, and which
 * one to keep; or that one JAR declares the identifier twice itself.
 */
final class AmbiguousFactory {

    private AmbiguousFactory() {}

    static ExplainedProblem explain(Workspace ws, ErrorClue clue, VersionClasses classes) {
        String id = clue.identifier();
        Map<String, List<ProvidedBy>> byClass = new LinkedHashMap<>();
        for (String className : clue.classes()) {
            List<ProvidedBy> versions = ws.queries.factoryClass(ws.info.id(), className);
            // A pair the registry does not offer (one JAR declares it twice) has no factory row: look in the JARs.
            byClass.put(className, versions.isEmpty() ? classes.containing(ws.versions(), className) : versions);
        }
        List<ExplainProvider> providers = ws.providers(byClass.values().stream().flatMap(List::stream).toList());
        boolean builtIn = clue.classes().stream()
                .anyMatch(c -> ws.builtins.stream().anyMatch(b -> c.equals(b.className())));
        Optional<ProvidedBy> selfDuplicate = declaringAll(byClass);
        String family = clue.family() == null ? "" : " as a " + clue.family();
        List<String> fix = new ArrayList<>();
        String explanation;
        if (selfDuplicate.isPresent()) {
            ProvidedBy jar = selfDuplicate.get();
            explanation = "Connector '" + jar.connector() + "' version " + jar.version() + " declares '" + id + "'"
                    + family + " more than once itself (" + String.join(", ", clue.classes()) + "), so Flink fails "
                    + "whenever it looks '" + id + "' up with that JAR on the class path; the registry does not offer '"
                    + id + "' from it.";
            fix.add("Rebuild '" + jar.connector() + "' with one factory for '" + id + "' in META-INF/services/"
                    + "org.apache.flink.table.factories.Factory and register it as a new version (fcr update "
                    + jar.connector() + " <jar>).");
        } else {
            List<String> origins = byClass.entrySet().stream().map(e -> e.getKey() + " (" + origin(ws, e.getKey(),
                    e.getValue()) + ")").toList();
            explanation = "More than one JAR on the job's class path offers '" + id + "'" + family
                    + ", so Flink cannot choose: " + String.join("; ", origins) + ".";
            List<ProvidedBy> resolved = ws.queries.identifier(ws.info.id(), id).stream()
                    .filter(p -> p.current() && Workspace.familyMatches(clue.family(), p.family())).toList();
            if (!resolved.isEmpty()) {
                ProvidedBy keep = resolved.get(0);
                fix.add("Keep only connector '" + keep.connector() + "' version " + keep.version() + " (what the registry "
                        + "resolves '" + id + "' to):");
                fix.addAll(ws.addJar(keep));
            } else {
                fix.add("Keep only one JAR that offers '" + id + "' on the class path.");
            }
            fix.add("Remove the other JARs (ADD JAR statements, pipeline.jars entries, copies in lib/); "
                    + "fcr fetch job.sql --print add_jar gives exactly one JAR per identifier.");
        }
        return new ExplainedProblem(clue.kind().name(), id, clue.family(), null, builtIn, providers, List.of(), List.of(),
                explanation, fix);
    }

    private static String origin(Workspace ws, String className, List<ProvidedBy> versions) {
        if (ws.builtins.stream().anyMatch(b -> className.equals(b.className()))) {
            return "built into Flink " + ws.flinkRelease;
        }
        if (versions.isEmpty()) {
            return "not registered in this workspace";
        }
        return String.join(", ", versions.stream().map(v -> v.connector() + " version " + v.version()
                + (v.current() ? " (current)" : "")).distinct().toList());
    }

    /** A version whose JAR holds every ambiguous class, when there are several classes. */
    private static Optional<ProvidedBy> declaringAll(Map<String, List<ProvidedBy>> byClass) {
        if (byClass.size() < 2) {
            return Optional.empty();
        }
        List<ProvidedBy> first = byClass.values().iterator().next();
        return first.stream().filter(candidate -> byClass.values().stream()
                .allMatch(versions -> versions.stream().anyMatch(v -> v.versionId() == candidate.versionId())))
                .findFirst();
    }
}
