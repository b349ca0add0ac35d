package dev.flinkregistry.client.job;

import dev.flinkregistry.client.sql.RequiredIdentifier;
import java.util.Map;
import java.util.Set;

/**
 * The identifiers each supported Flink version ships in its distribution, which a job never needs
 * to fetch. The server computes the same lists from Flink's own JARs at build time, and a test
 * keeps these equal to them.
 */
public final class BuiltInIdentifiers {

    private static final Set<String> FORMATS_120 = Set.of("json", "csv", "raw", "canal-json", "debezium-json",
            "maxwell-json", "ogg-json");

    private static final Map<String, Map<String, Set<String>>> BY_VERSION = Map.of(
            "1.20", Map.of(
                    RequiredIdentifier.TABLE_CONNECTOR, Set.of("datagen", "print", "blackhole", "filesystem"),
                    RequiredIdentifier.FORMAT, FORMATS_120,
                    RequiredIdentifier.CATALOG, Set.of("generic_in_memory")),
            "2.2", Map.of(
                    RequiredIdentifier.TABLE_CONNECTOR, Set.of("datagen", "print", "blackhole", "filesystem",
                            "legacy-csv"),
                    RequiredIdentifier.FORMAT, FORMATS_120,
                    RequiredIdentifier.CATALOG, Set.of("generic_in_memory")));

    private BuiltInIdentifiers() {}

    /** The supported Flink engine lines. */
    public static Set<String> flinkVersions() {
        return BY_VERSION.keySet();
    }

    /**
     * The built-in identifiers of a family ({@code table-connector}, {@code format}, {@code catalog})
     * in a Flink line such as {@code 1.20}; empty for an unknown line.
     */
    public static Set<String> of(String flinkVersion, String family) {
        return BY_VERSION.getOrDefault(flinkVersion, Map.of()).getOrDefault(family, Set.of());
    }

    /** Whether Flink {@code flinkVersion} ships this identifier in this family. */
    public static boolean isBuiltIn(String flinkVersion, RequiredIdentifier required) {
        return of(flinkVersion, required.family()).contains(required.identifier());
    }
}
