package dev.flinkregistry.server.connector;

import dev.flinkregistry.analyzer.Finding;
import dev.flinkregistry.analyzer.FindingCode;
import dev.flinkregistry.analyzer.JarAnalysis;
import java.util.List;
import java.util.Optional;

/**
 * DESIGN rule 2's exception: a JAR the analysis refuses is registered all the same when a workspace
 * admin accepted every code that refuses it, each of them may be accepted, and at least one declared
 * factory loads (so that the JAR offers something).
 */
final class FindingAcceptance {

    private FindingAcceptance() {}

    /**
     * The codes the request accepts for this analysis, when they make the refused JAR registrable:
     * exactly the codes that refuse it (codes asked for that the analysis did not raise are not
     * recorded). Empty when the JAR stays refused, or was not refused at all.
     */
    static Optional<List<String>> accepted(JarAnalysis analysis, AcceptFindings accept) {
        List<String> refusing = refusing(analysis);
        if (accept == null || refusing.isEmpty() || !accept.codes().containsAll(refusing)
                || !couldAccept(analysis, refusing)) {
            return Optional.empty();
        }
        return Optional.of(refusing);
    }

    /** The distinct codes of the findings that refuse the JAR, in alphabetical order. */
    static List<String> refusing(JarAnalysis analysis) {
        return analysis.refusals().stream().map(Finding::code).distinct().sorted().toList();
    }

    /** Whether accepting these codes would register the JAR: all acceptable, and a declared factory loads. */
    static boolean couldAccept(JarAnalysis analysis, List<String> codes) {
        return !codes.isEmpty() && codes.stream().allMatch(FindingCode::acceptable)
                && !analysis.loadedFactories().isEmpty();
    }
}
