package dev.flinkregistry.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Findings about how the JAR is packaged, from its class headers and the target's class index. */
final class PackagingChecks {

    /** Common libraries that clash with Flink's or other connectors' copies unless relocated. */
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("com/google/common/", "Guava");
        LIBRARIES.put("com/fasterxml/jackson/", "Jackson");
        LIBRARIES.put("org/codehaus/jackson/", "Jackson 1");
        LIBRARIES.put("org/apache/commons/logging/", "commons-logging");
        LIBRARIES.put("org/apache/commons/", "Apache Commons");
        LIBRARIES.put("io/netty/", "Netty");
        LIBRARIES.put("com/google/protobuf/", "Protocol Buffers");
        LIBRARIES.put("com/google/gson/", "Gson");
        LIBRARIES.put("org/yaml/snakeyaml/", "SnakeYAML");
        LIBRARIES.put("okhttp3/", "OkHttp");
        LIBRARIES.put("org/apache/http/", "Apache HttpClient");
        LIBRARIES.put("org/slf4j/", "SLF4J");
        LIBRARIES.put("org/apache/logging/log4j/", "Log4j 2");
        LIBRARIES.put("org/apache/log4j/", "Log4j 1");
        LIBRARIES.put("ch/qos/logback/", "Logback");
        LIBRARIES.put("com/esotericsoftware/kryo/", "Kryo");
    }

    private PackagingChecks() {}

    static List<Finding> check(ClassScanner.Contents contents, FlinkRuntime runtime,
                               java.util.Collection<FlinkRuntime> all, BuiltFor builtFor, boolean legacyServices,
                               List<FactoryReport> legacyOffered) {
        List<Finding> findings = new ArrayList<>();
        bundledRuntime(contents, runtime, findings);
        unrelocatedLibraries(contents, findings);
        classVersions(contents, runtime, findings);
        List<String> missing = BuiltForDetector.missingFlinkClasses(contents, runtime, all);
        if (!missing.isEmpty()) {
            findings.add(Finding.of(FindingCode.FLINK_API_NOT_IN_TARGET, "References " + missing.size()
                    + " Flink classes that Flink " + runtime.line() + " does not have (e.g. " + dotted(missing.get(0))
                    + "): code that uses them fails at runtime. Build the JAR against Flink " + runtime.line() + ".",
                    null, missing.stream().limit(50).map(PackagingChecks::dotted).toList()));
        }
        // One rule, whether the version is declared or inferred from the Flink classes the JAR references.
        FindingCode mismatch = BuiltForDetector.mismatch(builtFor.flinkVersion(), runtime.line());
        if (mismatch != null) {
            findings.add(Finding.of(mismatch, "Built for Flink " + builtFor.flinkVersion()
                    + (builtFor.declared() ? "" : " (inferred from the Flink classes it references)")
                    + " but the engine is Flink " + runtime.line() + ": use the connector release built for Flink "
                    + runtime.line() + ".", null, builtFor.evidence()));
        }
        if (legacyServices) {
            findings.add(legacy(runtime, legacyOffered));
        }
        return findings;
    }

    /** What the legacy TableFactory services file means on this Flink line, naming what is offered from it. */
    private static Finding legacy(FlinkRuntime runtime, List<FactoryReport> offered) {
        String move = "declare them in " + ArchiveScanner.FACTORY_SERVICES + " too";
        if (!runtime.line().startsWith("1.")) {
            return Finding.of(FindingCode.LEGACY_TABLE_FACTORY, "Declares legacy TableFactory services ("
                    + ArchiveScanner.LEGACY_SERVICES + "), which Flink " + runtime.line() + " no longer reads: the "
                    + "catalogs and modules declared only there are not found; " + move + ".",
                    ArchiveScanner.LEGACY_SERVICES, List.of());
        }
        List<String> names = offered.stream().map(f -> f.families().get(0) + " '" + f.identifier() + "' ("
                + f.className() + ")").toList();
        return Finding.of(FindingCode.LEGACY_TABLE_FACTORY, "Declares legacy TableFactory services ("
                + ArchiveScanner.LEGACY_SERVICES + "). Flink " + runtime.line() + " still finds catalogs and modules "
                + "declared there" + (names.isEmpty() ? " (this JAR declares none)" : ", so they are offered: "
                + String.join(", ", names)) + "; Flink 2 no longer reads the file: " + move + ".",
                ArchiveScanner.LEGACY_SERVICES, names);
    }

    /**
     * For a JAR without Flink factories: the other services it declares, when there are any, mean it
     * plugs into another component's own extension point (a JDBC dialect declaring only the JDBC
     * connector's dialect service), which the registry cannot offer on its own.
     */
    static List<Finding> foreignPlugins(List<String> services) {
        if (services.isEmpty()) {
            return List.of();
        }
        return List.of(Finding.of(FindingCode.FOREIGN_SPI_PLUGIN, "The JAR offers no Flink factory but declares "
                + "services of " + services.get(0) + (services.size() > 1 ? " and " + (services.size() - 1)
                + " more" : "") + ": it is a plug-in for the component that defines that interface (for "
                + "example a dialect for a connector), which finds it when both are on a job's class path. The "
                + "registry registers JARs that offer Flink factories: ship this one with that component's JAR.",
                services.get(0), services));
    }

    private static void bundledRuntime(ClassScanner.Contents contents, FlinkRuntime runtime, List<Finding> findings) {
        Map<String, Integer> own = new TreeMap<>();
        Map<String, Integer> shaded = new TreeMap<>();
        for (String name : contents.classes.keySet()) {
            if (runtime.ships(name) && name.startsWith("org/apache/flink/")) {
                (name.startsWith("org/apache/flink/shaded/") ? shaded : own).merge(packageOf(name), 1, Integer::sum);
            }
        }
        if (!own.isEmpty()) {
            findings.add(Finding.of(FindingCode.RUNTIME_CLASSES_BUNDLED, "Bundles " + total(own) + " classes that "
                    + "Flink " + runtime.line() + " already ships (" + first(own) + ", …). Flink loads org.apache.flink "
                    + "classes parent first (classloader.parent-first-patterns.default), so its own copies win and "
                    + "these are shadowed, never used; declare those dependencies <scope>provided</scope> to drop "
                    + "them.", first(own), byCount(own)));
        }
        if (!shaded.isEmpty()) {
            findings.add(Finding.of(FindingCode.SHADED_RUNTIME_CLASSES_BUNDLED, "Bundles " + total(shaded)
                    + " classes of Flink's shaded libraries that Flink " + runtime.line() + " already ships ("
                    + first(shaded) + ", …); Flink loads org.apache.flink classes parent first, so these copies "
                    + "are ignored.", first(shaded), byCount(shaded)));
        }
    }

    private static void unrelocatedLibraries(ClassScanner.Contents contents, List<Finding> findings) {
        Map<String, Map<String, Integer>> byLibrary = new TreeMap<>();
        for (String name : contents.classes.keySet()) {
            for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
                if (name.startsWith(library.getKey())) {
                    byLibrary.computeIfAbsent(library.getValue(), l -> new TreeMap<>())
                            .merge(packageOf(name), 1, Integer::sum);
                    break;
                }
            }
        }
        byLibrary.forEach((library, packages) -> findings.add(Finding.of(FindingCode.UNRELOCATED_LIBRARY,
                "Bundles " + library + " (" + total(packages) + " classes) without relocating it; it can clash "
                        + "with Flink's or another connector's copy. Relocate it with the maven-shade-plugin.",
                library, byCount(packages))));
    }

    private static void classVersions(ClassScanner.Contents contents, FlinkRuntime runtime, List<Finding> findings) {
        List<ClassFacts> tooNew = contents.classes.values().stream()
                .filter(c -> ClassFacts.javaRelease(c.majorVersion()) > runtime.maxJavaRelease())
                .sorted(Comparator.comparing(ClassFacts::name)).toList();
        if (!tooNew.isEmpty()) {
            int newest = tooNew.stream().mapToInt(ClassFacts::majorVersion).max().orElseThrow();
            findings.add(Finding.of(FindingCode.CLASS_VERSION_TOO_NEW, tooNew.size() + " classes need Java "
                    + ClassFacts.javaRelease(newest) + ", but Flink " + runtime.line() + " runs on Java "
                    + runtime.maxJavaRelease() + " at most: compile with --release " + runtime.maxJavaRelease() + ".",
                    dotted(tooNew.get(0).name()), tooNew.stream().limit(20)
                            .map(c -> dotted(c.name()) + " (Java " + ClassFacts.javaRelease(c.majorVersion()) + ")")
                            .toList()));
        }
    }

    private static List<String> byCount(Map<String, Integer> packages) {
        return packages.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " (" + e.getValue() + " classes)").toList();
    }

    /** The package with the most classes. */
    private static String first(Map<String, Integer> packages) {
        List<String> sorted = byCount(packages);
        return sorted.isEmpty() ? "" : sorted.get(0).substring(0, sorted.get(0).indexOf(' '));
    }

    private static int total(Map<String, Integer> packages) {
        return packages.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : dotted(internalName.substring(0, slash));
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
