package dev.flinkregistry.client;

import dev.flinkregistry.model.Family;
import dev.flinkregistry.sql.RequiredIdentifier;
import java.util.EnumSet;
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

    private static final Map<String, Map<Family, Set<String>>> BY_VERSION = Map.of(
            "1.20", Map.of(
                    Family.TABLE_CONNECTOR, Set.of("datagen", "print", "blackhole", "filesystem"),
                    Family.FORMAT, FORMATS_120,
                    Family.CATALOG, Set.of("generic_in_memory")),
            "2.2", Map.of(
                    Family.TABLE_CONNECTOR, Set.of("datagen", "print", "blackhole", "filesystem",
                            "legacy-csv"),
                    Family.FORMAT, FORMATS_120,
                    Family.CATALOG, Set.of("generic_in_memory")));

    private BuiltInIdentifiers() {}

    /** The supported Flink engine lines. */
    public static Set<String> flinkVersions() {
        return BY_VERSION.keySet();
    }

    /**
     * The built-in identifiers of a family ({@link Family#TABLE_CONNECTOR}, {@link Family#FORMAT},
     * {@link Family#CATALOG}) in a Flink line such as {@code 1.20}; empty for an unknown line.
     */
    public static Set<String> of(String flinkVersion, Family family) {
        return BY_VERSION.getOrDefault(flinkVersion, Map.of()).getOrDefault(family, Set.of());
    }

    /**
     * The factory families in which Flink ships this identifier: a built-in format is a decoding and
     * an encoding format, as Flink's own format factories are both.
     */
    static Set<Family> familiesOf(String flinkVersion, String identifier) {
        Set<Family> families = EnumSet.noneOf(Family.class);
        if (of(flinkVersion, Family.TABLE_CONNECTOR).contains(identifier)) {
            families.add(Family.TABLE_CONNECTOR);
        }
        if (of(flinkVersion, Family.FORMAT).contains(identifier)) {
            families.add(Family.DECODING_FORMAT);
            families.add(Family.ENCODING_FORMAT);
        }
        if (of(flinkVersion, Family.CATALOG).contains(identifier)) {
            families.add(Family.CATALOG);
        }
        return families;
    }

    /** Whether Flink {@code flinkVersion} ships this identifier in this family. */
    public static boolean isBuiltIn(String flinkVersion, RequiredIdentifier required) {
        return of(flinkVersion, required.family()).contains(required.identifier());
    }
}
