package dev.flinkregistry.server.explain;

import dev.flinkregistry.server.connector.ProvidedBy;
import dev.flinkregistry.server.explain.Explanation.ExplainProvider;
import dev.flinkregistry.server.explain.Explanation.ExplainedProblem;
import java.util.ArrayList;
import java.util.List;

/** "Multiple factories for identifier 'x'": which JARs the ambiguous classes come from, and which one to keep. */
final class AmbiguousFactory {

    private AmbiguousFactory() {}

    static ExplainedProblem explain(Workspace ws, ErrorClue clue) {
        String id = clue.identifier();
        List<ExplainProvider> providers = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        boolean builtIn = false;
        for (String className : clue.classes()) {
            List<ProvidedBy> versions = ws.queries.factoryClass(ws.info.id(), className);
            versions.stream().map(ws::provider).forEach(providers::add);
            boolean shipped = ws.builtins.stream().anyMatch(b -> className.equals(b.className()));
            builtIn |= shipped;
            origins.add(className + " (" + (shipped ? "built into Flink " + ws.flinkRelease
                    : versions.isEmpty() ? "not registered in this workspace"
                    : String.join(", ", versions.stream().map(v -> v.connector() + " version " + v.version()
                    + (v.current() ? " (current)" : "")).distinct().toList())) + ")");
        }
        List<ProvidedBy> resolved = ws.queries.identifier(ws.info.id(), id).stream()
                .filter(p -> p.current() && Workspace.familyMatches(clue.family(), p.family())).toList();
        String explanation = "More than one JAR on the job's class path offers '" + id + "'"
                + (clue.family() == null ? "" : " as a " + clue.family()) + ", so Flink cannot choose"
                + (origins.isEmpty() ? "." : ": " + String.join("; ", origins) + ".");
        List<String> fix = new ArrayList<>();
        if (!resolved.isEmpty()) {
            ProvidedBy keep = resolved.get(0);
            fix.add("Keep only connector '" + keep.connector() + "' version " + keep.version() + " (what the registry "
                    + "resolves '" + id + "' to): ADD JAR '" + ws.url(keep.sha256()) + "';");
        } else {
            fix.add("Keep only one JAR that offers '" + id + "' on the class path.");
        }
        fix.add("Remove the other JARs (ADD JAR statements, pipeline.jars entries, copies in lib/); "
                + "fcr fetch job.sql --print add_jar gives exactly one JAR per identifier.");
        return new ExplainedProblem(clue.kind().name(), id, clue.family(), null, builtIn, providers, List.of(), List.of(),
                explanation, fix);
    }
}
