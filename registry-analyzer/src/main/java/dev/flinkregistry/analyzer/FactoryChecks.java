package dev.flinkregistry.analyzer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Findings about the factories themselves: load failures, undeclared classes, identifier clashes. */
final class FactoryChecks {

    private FactoryChecks() {}

    static List<Finding> check(List<FactoryReport> factories, FlinkRuntime runtime, boolean servicesDeclared) {
        List<Finding> findings = new ArrayList<>();
        if (!servicesDeclared) {
            findings.add(Finding.of(FindingCode.NO_FACTORY_SERVICES, "The JAR declares no factory: Flink finds "
                    + "factories only through " + ArchiveScanner.FACTORY_SERVICES + ", one class name per line."));
        }
        for (FactoryReport factory : factories) {
            if (!factory.declared()) {
                String identifier = factory.loaded() ? " (identifier '" + factory.identifier() + "')" : "";
                findings.add(Finding.of(FindingCode.FACTORY_NOT_DECLARED, factory.className() + identifier
                        + " is a factory but " + ArchiveScanner.FACTORY_SERVICES + " does not list it, so Flink "
                        + "never finds it: add it to that file.", factory.className(), List.of()));
            } else if (!factory.loaded()) {
                FactoryFailure failure = factory.failure();
                findings.add(new Finding(failure.code(), FindingCode.byName(failure.code()).severity(),
                        factory.className() + " " + failure.message() + ".", factory.className(), failure.stackTrace()));
            }
        }
        List<FactoryReport> loaded = factories.stream().filter(f -> f.declared() && f.loaded()).toList();
        if (servicesDeclared && loaded.isEmpty()) {
            findings.add(Finding.of(FindingCode.NO_LOADABLE_FACTORY, "None of the declared factories loads in Flink "
                    + runtime.line() + ", so the JAR offers nothing a job can use."));
        }
        duplicates(loaded, findings);
        builtins(loaded, runtime, findings);
        return findings;
    }

    private static void duplicates(List<FactoryReport> loaded, List<Finding> findings) {
        Map<String, List<FactoryReport>> byKey = new LinkedHashMap<>();
        for (FactoryReport factory : loaded) {
            for (String discovery : factory.discovery()) {
                byKey.computeIfAbsent(discovery + " " + factory.identifier(), k -> new ArrayList<>()).add(factory);
            }
        }
        byKey.forEach((key, clashing) -> {
            if (clashing.size() > 1) {
                String discovery = key.substring(0, key.indexOf(' '));
                String identifier = clashing.get(0).identifier();
                findings.add(Finding.of(FindingCode.DUPLICATE_IDENTIFIER, clashing.size() + " factories answer to '"
                        + identifier + "' as " + discovery + ": Flink fails with \"Multiple factories for identifier '"
                        + identifier + "'\". Keep one of them in " + ArchiveScanner.FACTORY_SERVICES + ".",
                        identifier, clashing.stream().map(FactoryReport::className).toList()));
            }
        });
    }

    private static void builtins(List<FactoryReport> loaded, FlinkRuntime runtime, List<Finding> findings) {
        for (FactoryReport factory : loaded) {
            for (FactoryReport builtin : runtime.builtinFactories()) {
                if (!builtin.identifier().equals(factory.identifier())
                        || builtin.discovery().stream().noneMatch(factory.discovery()::contains)) {
                    continue;
                }
                String message = builtin.className().equals(factory.className())
                        ? "Flink " + runtime.line() + " already ships " + factory.className() + " ('"
                                + factory.identifier() + "'); this JAR is not needed."
                        : "'" + factory.identifier() + "' is built into Flink " + runtime.line() + " ("
                                + builtin.className() + "); a second factory with that identifier makes Flink fail"
                                + " with \"Multiple factories\". Choose another identifier.";
                findings.add(Finding.of(FindingCode.BUILTIN_IDENTIFIER, message, factory.identifier(),
                        List.copyOf(new java.util.LinkedHashSet<>(List.of(factory.className(), builtin.className())))));
                break;
            }
        }
    }
}
