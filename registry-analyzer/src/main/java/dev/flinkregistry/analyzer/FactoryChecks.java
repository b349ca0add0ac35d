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
                // Only a class Flink could use: declaring one that does not load would break discovery.
                if (factory.loaded()) {
                    findings.add(Finding.of(FindingCode.FACTORY_NOT_DECLARED, factory.className() + " (identifier '"
                            + factory.identifier() + "') is a factory but " + ArchiveScanner.FACTORY_SERVICES
                            + " does not list it, so Flink never finds it: add it to that file.", factory.className(),
                            List.of()));
                }
            } else if (!factory.loaded() && !FindingCode.DUPLICATE_IDENTIFIER.name().equals(factory.failure().code())) {
                FactoryFailure failure = factory.failure();
                if (failure.skippedByFlink()) {
                    findings.add(Finding.of(FindingCode.FACTORY_SKIPPED_BY_FLINK, factory.className() + " "
                            + failure.message() + ". Flink's discovery skips a factory whose class cannot be loaded "
                            + "(NoClassDefFoundError), so it is not offered; the JAR's other factories work.",
                            factory.className(), failure.stackTrace()));
                } else {
                    findings.add(new Finding(failure.code(), FindingCode.byName(failure.code()).severity(),
                            factory.className() + " " + failure.message() + ".", factory.className(),
                            failure.stackTrace()));
                }
            }
        }
        List<FactoryReport> loaded = factories.stream().filter(f -> f.declared() && f.loaded()).toList();
        if (servicesDeclared && loaded.isEmpty()) {
            findings.add(Finding.of(FindingCode.NO_LOADABLE_FACTORY, "None of the declared factories loads in Flink "
                    + runtime.line() + ", so the JAR offers nothing a job can use."));
        }
        builtins(loaded, runtime, findings);
        return findings;
    }

    /**
     * Marks the declared factories that share an identifier and a discovery interface as unusable
     * (Flink fails every statement that looks that pair up), adding one {@code DUPLICATE_IDENTIFIER}
     * finding per pair that names the statement; the JAR's other factories stay as they are.
     */
    static List<FactoryReport> withoutDuplicates(List<FactoryReport> factories, List<Finding> findings) {
        Map<String, List<FactoryReport>> byKey = new LinkedHashMap<>();
        for (FactoryReport factory : factories) {
            if (factory.declared() && factory.loaded()) {
                for (String discovery : factory.discovery()) {
                    byKey.computeIfAbsent(discovery + " " + factory.identifier(), k -> new ArrayList<>()).add(factory);
                }
            }
        }
        Map<String, String> unusable = new LinkedHashMap<>();
        byKey.forEach((key, clashing) -> {
            if (clashing.size() > 1) {
                String discovery = key.substring(0, key.indexOf(' '));
                String identifier = clashing.get(0).identifier();
                String message = clashing.size() + " factories answer to '" + identifier + "' as " + discovery
                        + ": Flink fails " + statement(discovery, identifier) + " with \"Multiple factories for "
                        + "identifier '" + identifier + "'\", so '" + identifier + "' is neither offered nor claimed "
                        + "for it; the JAR's other identifiers work. Keep one of them in "
                        + ArchiveScanner.FACTORY_SERVICES + ".";
                findings.add(Finding.of(FindingCode.DUPLICATE_IDENTIFIER, message, identifier,
                        clashing.stream().map(FactoryReport::className).toList()));
                clashing.forEach(factory -> unusable.putIfAbsent(factory.className(), message));
            }
        });
        if (unusable.isEmpty()) {
            return factories;
        }
        return factories.stream().map(factory -> !unusable.containsKey(factory.className()) || !factory.declared()
                ? factory
                : new FactoryReport(factory.className(), true, factory.identifier(), factory.families(),
                        factory.capabilities(), factory.discovery(), factory.options(), new FactoryFailure(
                                FindingCode.DUPLICATE_IDENTIFIER.name(), unusable.get(factory.className()), null,
                                List.of()))).toList();
    }

    /** The statement that looks up an identifier by a discovery interface (its simple name). */
    private static String statement(String discovery, String identifier) {
        String name = discovery.substring(discovery.lastIndexOf('.') + 1);
        return switch (name) {
            case "DynamicTableSourceFactory" -> "reading a table WITH ('connector' = '" + identifier + "')";
            case "DynamicTableSinkFactory" -> "writing a table WITH ('connector' = '" + identifier + "')";
            case "CatalogFactory" -> "CREATE CATALOG ... WITH ('type' = '" + identifier + "')";
            case "CatalogStoreFactory" -> "a catalog store configured as '" + identifier + "'";
            case "ModuleFactory" -> "LOAD MODULE " + identifier;
            case "DeserializationFormatFactory", "SerializationFormatFactory", "BulkReaderFormatFactory",
                 "BulkWriterFormatFactory" -> "a table WITH ('format' = '" + identifier + "')";
            default -> "every lookup of '" + identifier + "' as " + name;
        };
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
