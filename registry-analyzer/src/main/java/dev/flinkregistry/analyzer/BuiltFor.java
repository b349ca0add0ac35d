package dev.flinkregistry.analyzer;

import java.util.List;

/**
 * Which Flink version the JAR was built for, as far as its contents tell.
 *
 * @param flinkVersion e.g. {@code 1.19} or {@code 1.20.3}, or null when nothing says
 * @param declared true when the JAR's manifest or Maven descriptors say so; false when it is only
 *     inferred from the Flink classes the JAR references
 * @param evidence where that came from (manifest, embedded Maven descriptors, referenced API)
 */
public record BuiltFor(String flinkVersion, boolean declared, List<String> evidence) {

    static BuiltFor unknown() {
        return new BuiltFor(null, false, List.of());
    }


    public BuiltFor {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
