package dev.flinkregistry.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out which Flink version a JAR was built for from its embedded Maven descriptors
 * (externalised connectors are versioned {@code 3.2.0-1.19}; bundled Flink modules carry Flink's
 * own version; poms set {@code flink.version}) and from the Flink classes it references.
 */
final class BuiltForDetector {

    private static final Pattern CONNECTOR_VERSION = Pattern.compile("^\\d+\\.\\d+(?:\\.\\d+)?-([12]\\.\\d+)$");
    private static final Pattern FLINK_VERSION = Pattern.compile("^([12]\\.\\d+)(?:\\.\\d+)?$");

    private BuiltForDetector() {}

    static BuiltFor detect(ClassScanner.Contents contents, Map<String, FlinkRuntime> runtimes) {
        List<String> evidence = new ArrayList<>();
        String fromConnector = null;
        String fromModule = null;
        for (Properties pom : new TreeMap<>(contents.mavenDescriptors).values()) {
            String coordinates = pom.getProperty("groupId") + ":" + pom.getProperty("artifactId") + ":"
                    + pom.getProperty("version");
            if (!"org.apache.flink".equals(pom.getProperty("groupId")) || pom.getProperty("version") == null) {
                continue;
            }
            Matcher connector = CONNECTOR_VERSION.matcher(pom.getProperty("version"));
            Matcher module = FLINK_VERSION.matcher(pom.getProperty("version"));
            if (connector.matches()) {
                fromConnector = fromConnector == null ? connector.group(1) : fromConnector;
                evidence.add("Maven artifact " + coordinates + " is built for Flink " + connector.group(1));
            } else if (module.matches()) {
                fromModule = fromModule == null ? pom.getProperty("version") : fromModule;
                evidence.add("contains Flink module " + coordinates);
            }
        }
        String fromManifest = fromManifest(contents.manifest, evidence);
        String fromProperty = null;
        for (Map.Entry<String, String> pom : new TreeMap<>(contents.pomFlinkVersions).entrySet()) {
            fromProperty = fromProperty == null ? pom.getValue() : fromProperty;
            evidence.add(pom.getKey() + " sets flink.version " + pom.getValue());
        }
        String fromReferences = fromReferences(contents, runtimes, evidence);
        String version = fromConnector != null ? fromConnector
                : fromManifest != null ? fromManifest
                : fromProperty != null ? fromProperty
                : fromModule != null ? fromModule
                : fromReferences;
        boolean declared = fromConnector != null || fromManifest != null || fromProperty != null || fromModule != null;
        return new BuiltFor(version, declared, evidence);
    }

    /** Flink's own builds write their version into the manifest: {@code 3.2.0-1.19} or {@code 1.20.3}. */
    private static String fromManifest(java.util.jar.Attributes manifest, List<String> evidence) {
        String version = manifest.getValue("Implementation-Version");
        String title = String.valueOf(manifest.getValue("Implementation-Title"));
        boolean flinkBuild = "org.apache.flink".equals(manifest.getValue("Implementation-Vendor-Id"))
                || title.startsWith("Flink");
        if (version == null || !flinkBuild) {
            return null;
        }
        Matcher connector = CONNECTOR_VERSION.matcher(version);
        Matcher module = FLINK_VERSION.matcher(version);
        String found = connector.matches() ? connector.group(1) : module.matches() ? version : null;
        if (found != null) {
            evidence.add("MANIFEST.MF: " + title + " " + version);
        }
        return found;
    }

    /** The one supported line that has every Flink class the JAR references, when only one does. */
    private static String fromReferences(ClassScanner.Contents contents, Map<String, FlinkRuntime> runtimes,
                                         List<String> evidence) {
        List<String> complete = new ArrayList<>();
        for (FlinkRuntime runtime : runtimes.values()) {
            if (missingFlinkClasses(contents, runtime, runtimes.values()).isEmpty()) {
                complete.add(runtime.line());
            }
        }
        if (complete.size() == 1 && runtimes.size() > 1) {
            evidence.add("references Flink classes that only Flink " + complete.get(0) + " (of "
                    + String.join(", ", runtimes.keySet()) + ") has");
            return complete.get(0);
        }
        return null;
    }

    /**
     * Flink API classes the JAR references that neither it nor the runtime has. Only references into
     * packages some supported Flink distribution has count: a missing class of the JAR's own or
     * relocated packages is a packaging matter, not a Flink version one.
     */
    static List<String> missingFlinkClasses(ClassScanner.Contents contents, FlinkRuntime runtime,
                                            java.util.Collection<FlinkRuntime> all) {
        List<String> missing = new ArrayList<>();
        for (String referenced : contents.flinkReferences) {
            if (!contents.classes.containsKey(referenced) && !runtime.ships(referenced)
                    && all.stream().anyMatch(r -> r.shipsPackageOf(referenced))) {
                missing.add(referenced);
            }
        }
        return missing;
    }

    /** What running a JAR built for {@code builtFor} on {@code target} risks, or null when nothing. */
    static FindingCode mismatch(String builtFor, String target) {
        int[] built = majorMinor(builtFor);
        int[] engine = majorMinor(target);
        if (built == null || engine == null) {
            return null;
        }
        if (built[0] != engine[0]) {
            return FindingCode.BUILT_FOR_OTHER_FLINK_MAJOR;
        }
        return built[1] > engine[1] ? FindingCode.BUILT_FOR_NEWER_FLINK : null;
    }

    private static int[] majorMinor(String version) {
        Matcher matcher = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version == null ? "" : version);
        return matcher.find() ? new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))} : null;
    }
}
