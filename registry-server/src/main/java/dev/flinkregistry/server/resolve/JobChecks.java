package dev.flinkregistry.server.resolve;

import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.FindingCode;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.server.connector.OfferQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Checks the JARs one job receives as a whole, the way Flink will see them on one class path: two
 * JARs (or a JAR and the distribution) answering to one identifier, the same class in two JARs, a
 * JAR built for another Flink major. Every entry of the job's {@code jars} is treated alike,
 * whatever its role. What a JAR declares and was built for comes from its stored analysis, its
 * classes from its bytes ({@link JarClasses}); both are cached per SHA-256, since the bytes never
 * change, so a resolve pays for reading a JAR once per replica.
 */
@Service
class JobChecks {

    static final String DUPLICATE_IDENTIFIER = "JOB_DUPLICATE_IDENTIFIER";
    static final String DUPLICATE_CLASSES = "JOB_DUPLICATE_CLASSES";
    static final String OTHER_FLINK_MAJOR = "JOB_OTHER_FLINK_MAJOR";

    private static final int MAX_FACTS = 4_096;
    private static final int MAX_PAIRS = 4_096;
    private static final int EXAMPLES = 3;

    /** What one JAR's analysis says matters for a job: who answers to what, and the Flink it was built for. */
    private record JarFacts(Set<String> lookups, Map<String, String> identifiers, String builtFor) {

        static final JarFacts UNKNOWN = new JarFacts(Set.of(), Map.of(), null);
    }

    /** How many classes two JARs both contain, and the first few of them by name. */
    private record SharedClasses(int count, List<String> examples) {}

    private final OfferQueries queries;
    private final JarClasses classes;
    private final Map<String, JarFacts> facts = new ConcurrentHashMap<>();
    private final Map<String, SharedClasses> shared = new ConcurrentHashMap<>();

    JobChecks(OfferQueries queries, JarClasses classes) {
        this.queries = queries;
        this.classes = classes;
    }

    /**
     * The findings for these JARs in a workspace of this Flink line; {@code used} holds what the job
     * asked for (a null family: any), which decides whether an
     * identifier two JARs answer to breaks the job (error) or only could (warning).
     */
    List<Resolution.JobFinding> check(String flinkVersion, List<Resolution.Jar> jars, List<FactoryReport> builtins,
                                      Set<ResolveRequest.Wanted> used) {
        if (jars.isEmpty()) {
            return List.of();
        }
        Map<Resolution.Jar, JarFacts> known = new LinkedHashMap<>();
        jars.forEach(jar -> known.put(jar, factsOf(jar.sha256(), flinkVersion)));
        List<Resolution.JobFinding> findings = new ArrayList<>();
        duplicateIdentifiers(flinkVersion, known, builtins, used, findings);
        if (jars.size() > 1) {
            duplicateClasses(jars, findings);
        }
        otherFlinkMajor(flinkVersion, known, findings);
        findings.sort((a, b) -> a.severity().equals(b.severity()) ? 0 : "error".equals(a.severity()) ? -1 : 1);
        return List.copyOf(findings);
    }

    private JarFacts factsOf(String sha256, String flinkVersion) {
        String key = sha256 + " " + flinkVersion;
        JarFacts cached = facts.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<JarFacts> analysed = queries.analysisOf(sha256, flinkVersion).map(JobChecks::factsOf);
        if (analysed.isEmpty()) {
            // Not remembered: a version with these bytes may be registered later.
            return JarFacts.UNKNOWN;
        }
        JarFacts read = analysed.get();
        if (facts.size() >= MAX_FACTS) {
            facts.clear();
        }
        facts.put(key, read);
        return read;
    }

    /**
     * Every declared factory Flink's discovery will find on the class path, including both of a
     * pair the JAR itself declares twice (unusable on its own, still there for Flink to trip over).
     */
    private static JarFacts factsOf(JarAnalysis analysis) {
        Set<String> lookups = new LinkedHashSet<>();
        Map<String, String> identifiers = new LinkedHashMap<>();
        for (FactoryReport factory : analysis.factories()) {
            boolean found = factory.declared() && (factory.loaded()
                    || FindingCode.DUPLICATE_IDENTIFIER.name().equals(factory.failure().code()));
            if (found && factory.identifier() != null) {
                lookups(factory).forEach(key -> {
                    lookups.add(key);
                    identifiers.putIfAbsent(key, String.join(", ", factory.families()));
                });
            }
        }
        String builtFor = analysis.builtFor() == null ? null : analysis.builtFor().flinkVersion();
        return new JarFacts(Set.copyOf(lookups), Map.copyOf(identifiers), builtFor);
    }

    /** Where Flink looks a factory up: "discovery-interface identifier" (the family where the analysis has no interfaces). */
    private static List<String> lookups(FactoryReport factory) {
        List<String> by = factory.discovery().isEmpty() ? factory.families() : factory.discovery();
        return by.stream().map(interfaceOrFamily -> interfaceOrFamily + " " + factory.identifier()).toList();
    }

    private static void duplicateIdentifiers(String flinkVersion, Map<Resolution.Jar, JarFacts> known,
                                             List<FactoryReport> builtins, Set<ResolveRequest.Wanted> used,
                                             List<Resolution.JobFinding> findings) {
        Map<String, List<Resolution.Jar>> answering = new LinkedHashMap<>();
        Map<String, String> families = new LinkedHashMap<>();
        known.forEach((jar, jarFacts) -> jarFacts.lookups().forEach(key -> {
            answering.computeIfAbsent(key, k -> new ArrayList<>()).add(jar);
            families.putIfAbsent(key, jarFacts.identifiers().get(key));
        }));
        Set<String> shipped = new LinkedHashSet<>();
        builtins.forEach(builtin -> shipped.addAll(lookups(builtin)));
        answering.forEach((key, clashing) -> {
            boolean alsoShipped = shipped.contains(key);
            if (clashing.size() < 2 && !alsoShipped) {
                return;
            }
            String identifier = key.substring(key.indexOf(' ') + 1);
            String family = families.get(key);
            boolean breaks = used.stream().anyMatch(w -> w.identifier().equals(identifier)
                    && java.util.Arrays.stream(family.split(", ")).anyMatch(f -> ResolveService.familyMatches(w.family(), f)));
            List<String> names = new ArrayList<>(clashing.stream().map(JobChecks::named).toList());
            if (alsoShipped) {
                names.add("Flink " + flinkVersion + " itself");
            }
            String who = String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
            String message = who + " answer to " + family + " '" + identifier + "': Flink fails with \"Multiple "
                    + "factories for identifier '" + identifier + "'\" when a statement looks it up"
                    + (breaks ? ", and this job uses it." : "; this job does not use it, but one that does will fail.")
                    + " Keep '" + identifier + "' in one JAR of the job.";
            findings.add(new Resolution.JobFinding(DUPLICATE_IDENTIFIER, breaks ? "error" : "warning", message,
                    clashing.stream().map(Resolution.Jar::sha256).distinct().toList()));
        });
    }

    private void duplicateClasses(List<Resolution.Jar> jars, List<Resolution.JobFinding> findings) {
        for (int i = 0; i < jars.size(); i++) {
            for (int j = i + 1; j < jars.size(); j++) {
                Optional<SharedClasses> shared = sharedClasses(jars.get(i).sha256(), jars.get(j).sha256());
                if (shared.isPresent() && shared.get().count() > 0) {
                    findings.add(new Resolution.JobFinding(DUPLICATE_CLASSES, "warning",
                            duplicateClassesMessage(jars.get(i), jars.get(j), shared.get()),
                            List.of(jars.get(i).sha256(), jars.get(j).sha256())));
                }
            }
        }
    }

    /**
     * The classes two JARs share, remembered per pair: comparing two shaded connectors probes tens
     * of thousands of names, which had been a quarter of the server's time per resolve of such a job
     * (measured with JFR on a three-JAR job), and the answer for two digests never changes. Empty
     * when either JAR cannot be read now (not remembered, so the next resolve tries again).
     */
    private Optional<SharedClasses> sharedClasses(String one, String other) {
        String key = one.compareTo(other) <= 0 ? one + " " + other : other + " " + one;
        SharedClasses cached = shared.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Set<String>> first = classes.of(one);
        Optional<Set<String>> second = classes.of(other);
        if (first.isEmpty() || second.isEmpty()) {
            return Optional.empty();
        }
        Set<String> smaller = first.get().size() <= second.get().size() ? first.get() : second.get();
        Set<String> larger = smaller == first.get() ? second.get() : first.get();
        List<String> both = smaller.stream().filter(larger::contains).sorted().toList();
        SharedClasses found = new SharedClasses(both.size(), List.copyOf(both.subList(0, Math.min(EXAMPLES, both.size()))));
        if (shared.size() >= MAX_PAIRS) {
            shared.clear();
        }
        shared.put(key, found);
        return Optional.of(found);
    }

    private static String duplicateClassesMessage(Resolution.Jar one, Resolution.Jar other, SharedClasses shared) {
        String examples = String.join(", ", shared.examples()) + (shared.count() > EXAMPLES ? ", …" : "");
        return named(one) + " and " + named(other) + " both contain " + shared.count()
                + (shared.count() == 1 ? " class" : " classes") + " (" + examples + "): which copy the job loads "
                + "depends on the order of its class path, and two different versions of one library break in "
                + "ways that are hard to trace. Relocate the library in one of them (maven-shade-plugin).";
    }

    private static void otherFlinkMajor(String flinkVersion, Map<Resolution.Jar, JarFacts> known,
                                        List<Resolution.JobFinding> findings) {
        String workspaceMajor = major(flinkVersion);
        known.forEach((jar, jarFacts) -> {
            if (jarFacts.builtFor() != null && !major(jarFacts.builtFor()).equals(workspaceMajor)) {
                findings.add(new Resolution.JobFinding(OTHER_FLINK_MAJOR, "warning", named(jar)
                        + " was built for Flink " + jarFacts.builtFor() + ", and this workspace runs Flink "
                        + flinkVersion + ": its factories load, but code paths the analysis cannot reach may call "
                        + "API that changed between the majors. Prefer a release built for Flink " + workspaceMajor
                        + ".x.", List.of(jar.sha256())));
            }
        });
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private static String named(Resolution.Jar jar) {
        return jar.fileName() + " (" + jar.connector() + " version " + jar.version() + ")";
    }
}
