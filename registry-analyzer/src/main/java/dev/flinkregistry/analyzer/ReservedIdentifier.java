package dev.flinkregistry.analyzer;

/** An identifier a Flink distribution ships in a family, so no connector may claim it. */
public record ReservedIdentifier(String family, String identifier) implements Comparable<ReservedIdentifier> {

    @Override
    public int compareTo(ReservedIdentifier other) {
        int byFamily = family.compareTo(other.family);
        return byFamily != 0 ? byFamily : identifier.compareTo(other.identifier);
    }
}
