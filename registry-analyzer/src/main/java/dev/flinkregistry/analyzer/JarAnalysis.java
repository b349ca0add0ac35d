package dev.flinkregistry.analyzer;

import java.util.List;

/**
 * The result of analysing one JAR for one Flink engine version. Stable and JSON-serialisable:
 * the server stores and serves it as it is.
 *
 * @param flinkVersion the engine line it was analysed for, e.g. {@code 1.20}
 * @param flinkRelease the exact release whose API it was checked against, e.g. {@code 1.20.3}
 * @param jar facts about the archive (null when it is not a readable archive)
 * @param builtFor which Flink version the JAR was built for
 * @param factories every declared factory, and undeclared factory classes found in the JAR
 * @param findings every problem, errors first
 * @param accepted true when there is no error and at least one declared factory loaded
 * @param durationMillis how long the analysis took
 * @param workerPeakRssKiB the sandboxed worker's peak resident memory, or -1 when no worker ran
 * @param phases where the time went, or null (analyses stored before it was measured)
 */
public record JarAnalysis(
        String flinkVersion,
        String flinkRelease,
        JarSummary jar,
        BuiltFor builtFor,
        List<FactoryReport> factories,
        List<Finding> findings,
        boolean accepted,
        long durationMillis,
        long workerPeakRssKiB,
        AnalysisPhases phases) {

    public JarAnalysis {
        factories = factories == null ? List.of() : List.copyOf(factories);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * The same analysis reported under the name the JAR was sent with (the analyzer saw a scratch
     * file); {@code upload.jar} when it came without one.
     */
    public JarAnalysis withFileName(String fileName) {
        if (jar == null) {
            return this;
        }
        String shown = fileName == null || fileName.isBlank() ? "upload.jar" : fileName;
        JarSummary named = new JarSummary(shown, jar.sizeBytes(), jar.sha256(), jar.entries(), jar.classes(),
                jar.inflatedBytes(), jar.newestJavaRelease());
        return new JarAnalysis(flinkVersion, flinkRelease, named, builtFor, factories, findings, accepted,
                durationMillis, workerPeakRssKiB, phases);
    }

    /** The findings with this code. */
    public List<Finding> findings(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    /** The errors, which are why a JAR is refused. */
    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    /** The findings that refuse the JAR: every error but those that make one pair unusable. */
    public List<Finding> refusals() {
        return findings.stream().filter(FindingCode::refuses).toList();
    }

    /** The declared factories that loaded. */
    public List<FactoryReport> loadedFactories() {
        return factories.stream().filter(f -> f.declared() && f.loaded()).toList();
    }
}
