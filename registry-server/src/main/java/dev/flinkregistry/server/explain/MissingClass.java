package dev.flinkregistry.server.explain;

import dev.flinkregistry.server.connector.DependencyCarrier;
import dev.flinkregistry.server.connector.ProvidedBy;
import dev.flinkregistry.server.connector.VersionClasses;
import dev.flinkregistry.server.explain.Explanation.ExplainedProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code NoClassDefFoundError} / {@code ClassNotFoundException}: which registered JAR holds the class,
 * a connector's own JAR or a dependency JAR a version carries.
 */
final class MissingClass {

    /** How many versions carrying a dependency JAR with the class are named. */
    private static final int MAX_CARRIERS = 10;

    private MissingClass() {}

    static ExplainedProblem explain(Workspace ws, ErrorClue clue, VersionClasses classes) {
        String className = clue.className();
        Map<Long, ProvidedBy> found = new LinkedHashMap<>();
        ws.queries.factoryClass(ws.info.id(), className).forEach(p -> found.putIfAbsent(p.versionId(), p));
        classes.containing(ws.versions(), className).forEach(p -> found.putIfAbsent(p.versionId(), p));
        List<ProvidedBy> providers = found.values().stream()
                .sorted((a, b) -> a.connector().equals(b.connector()) ? Integer.compare(b.version(), a.version())
                        : a.connector().compareTo(b.connector())).toList();
        boolean flinks = className.startsWith("org.apache.flink.");
        List<String> fix = new ArrayList<>();
        String explanation;
        List<DependencyCarrier> carriers = providers.isEmpty()
                ? ws.queries.dependencyHolding(ws.info.id(), className, MAX_CARRIERS) : List.of();
        if (!carriers.isEmpty()) {
            DependencyCarrier best = carriers.stream().filter(c -> c.version().current()).findFirst()
                    .orElse(carriers.get(0));
            ProvidedBy version = best.version();
            explanation = "Class " + className + " is in the dependency JAR " + best.fileName() + " (sha256 "
                    + best.sha256() + ") that connector '" + version.connector() + "' version " + version.version()
                    + (version.current() ? " (current)" : "") + " carries; it was not on the job's class path (only "
                    + "the connector's own JAR was added, or only part of the job's JARs).";
            fix.add("fcr fetch job.sql --print add_jar    # every JAR the script needs, dependencies included, as ADD "
                    + "JAR statements (local files)");
            fix.add("or this dependency JAR alone:");
            fix.add("curl -fsS -H \"Authorization: Bearer $FCR_TOKEN\" -o " + best.fileName() + " '"
                    + ws.url(best.sha256()) + "'    # sha256 " + best.sha256());
            fix.add("ADD JAR '/path/to/" + best.fileName() + "';");
            return new ExplainedProblem(clue.kind().name(), null, null, className, false,
                    carriers.stream().map(ws::provider).toList(), List.of(), List.of(), explanation, fix);
        }
        if (!providers.isEmpty()) {
            ProvidedBy best = providers.stream().filter(ProvidedBy::current).findFirst().orElse(providers.get(0));
            explanation = "Class " + className + " is in connector '" + best.connector() + "' version " + best.version()
                    + (best.current() ? " (current)" : "") + ", whose JAR was not on the job's class path (or only part "
                    + "of the job's JARs was added).";
            fix.add("fcr fetch job.sql --print add_jar    # every JAR the script needs, as ADD JAR statements (local files)");
            fix.add("or this JAR alone:");
            fix.addAll(ws.addJar(best));
        } else if (flinks) {
            explanation = "Class " + className + " belongs to Apache Flink, and nothing registered in workspace '"
                    + ws.info.name() + "' provides it: the JAR that needs it was built for another Flink version than "
                    + ws.flinkRelease + ", or needs a Flink module that is not in lib/ (e.g. flink-connector-files).";
            fix.add("Add the Flink module that holds " + className + " (version " + ws.flinkRelease
                    + ") to lib/, or rebuild the connector against Flink " + ws.info.flinkVersion()
                    + " (fcr analyze <jar> shows which Flink classes it misses).");
        } else {
            explanation = "Nothing registered in workspace '" + ws.info.name() + "' contains class " + className + ".";
            fix.add("Bundle (and relocate) the library that holds " + className + " into the connector JAR, or put it on "
                    + "the job's class path; fcr analyze <jar> shows what the connector misses.");
        }
        return new ExplainedProblem(clue.kind().name(), null, null, className, false,
                ws.providers(providers), List.of(), List.of(), explanation, fix);
    }
}
