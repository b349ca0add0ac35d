package dev.flinkregistry.analyzer;

import dev.flinkregistry.model.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what the worker reported against the static scan before it is believed (DESIGN rule 3).
 * The worker runs the JAR's code, which can write any report it likes; what it cannot do is change
 * the bytes the analyzer scanned. So a factory that loaded must be a class of the JAR (the loader
 * has already refused classes the analysis did not ask about), a factory by its class hierarchy,
 * and reported with every discovery interface that hierarchy shows, so that the built-in and
 * duplicate checks see it as Flink will. A declared class the JAR does not hold but Flink ships
 * is described by the analyzer's own index of Flink's factories, not by the worker.
 */
final class ReportCheck {

    /** The registry stores identifiers of at most this many characters. */
    static final int MAX_IDENTIFIER_CHARS = 256;

    private ReportCheck() {}

    static List<FactoryReport> verify(List<FactoryReport> reports, FactoryHierarchy hierarchy, FlinkRuntime runtime) {
        List<FactoryReport> checked = new ArrayList<>();
        for (FactoryReport report : reports) {
            checked.add(report.loaded() ? verify(report, hierarchy, runtime) : report);
        }
        return checked;
    }

    private static FactoryReport verify(FactoryReport report, FactoryHierarchy hierarchy, FlinkRuntime runtime) {
        String internalName = report.className().replace('.', '/');
        if (!hierarchy.contains(internalName)) {
            Optional<FactoryReport> builtin = runtime.builtinFactories().stream()
                    .filter(f -> f.className().equals(report.className())).findFirst();
            return builtin.map(b -> new FactoryReport(b.className(), report.declared(), b.identifier(), b.families(),
                    b.capabilities(), b.discovery(), b.options(), null))
                    .orElseGet(() -> rejected(report, "its class is not in the JAR"));
        }
        if (!hierarchy.mayBeFactory(internalName, runtime)) {
            return rejected(report, "its class hierarchy in the JAR shows it does not implement "
                    + "org.apache.flink.table.factories.Factory");
        }
        Set<String> proven = hierarchy.provenDiscovery(internalName);
        if (!report.discovery().containsAll(proven)) {
            return rejected(report, "its class hierarchy in the JAR shows it implements " + String.join(", ", proven)
                    + ", and the report claims " + (report.discovery().isEmpty() ? "none of them"
                    : String.join(", ", report.discovery())));
        }
        List<String> unknown = report.families().stream()
                .filter(family -> Family.fromWireName(family).filter(Family::isFactoryFamily).isEmpty()).toList();
        if (!unknown.isEmpty() || report.families().isEmpty()) {
            return rejected(report, "it names " + (unknown.isEmpty() ? "no family" : "families no Flink factory has: "
                    + String.join(", ", unknown.stream().map(f -> FindingLimits.shorten(f, 40)).toList())));
        }
        if (report.identifier().length() > MAX_IDENTIFIER_CHARS
                || report.identifier().chars().anyMatch(Character::isISOControl)) {
            return rejected(report, "its identifier is longer than " + MAX_IDENTIFIER_CHARS
                    + " characters or holds control characters, which the registry does not store");
        }
        return report;
    }

    private static FactoryReport rejected(FactoryReport report, String why) {
        String identifier = FindingLimits.shorten(report.identifier(), 80);
        return FactoryReport.failed(report.className(), report.declared(), new FactoryFailure(
                FindingCode.WORKER_REPORT_REJECTED.name(), "was reported as a factory with identifier '" + identifier
                + "', but " + why + ": the report was written by the JAR's code, so it is refused", null, List.of()));
    }
}
