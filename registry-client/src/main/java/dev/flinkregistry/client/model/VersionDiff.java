package dev.flinkregistry.client.model;

import java.util.List;

/**
 * What changed between two versions, and whether jobs would break at their next restart.
 *
 * @param from the older version (null for a first version)
 * @param to the newer version
 * @param identifiersAdded identifiers only {@code to} offers
 * @param identifiersRemoved identifiers only {@code from} offers
 * @param optionsAdded options only {@code to} declares
 * @param optionsRemoved options only {@code from} declares
 * @param optionsChanged options whose type, default or required flag changed
 * @param breakingChanges why jobs would break; empty when they would not
 * @param dependenciesAdded dependency JARs only {@code to} carries
 * @param dependenciesRemoved dependency JARs only {@code from} carries (not breaking by itself)
 */
public record VersionDiff(Integer from, Integer to, List<IdentifierRef> identifiersAdded,
                          List<IdentifierRef> identifiersRemoved, List<OptionChange> optionsAdded,
                          List<OptionChange> optionsRemoved, List<OptionChange> optionsChanged,
                          List<String> breakingChanges, List<DependencyRef> dependenciesAdded,
                          List<DependencyRef> dependenciesRemoved) {

    /** Copies the lists; a server that sends none (an older one) gives empty ones. */
    public VersionDiff {
        dependenciesAdded = dependenciesAdded == null ? List.of() : List.copyOf(dependenciesAdded);
        dependenciesRemoved = dependenciesRemoved == null ? List.of() : List.copyOf(dependenciesRemoved);
    }

    /**
     * A dependency JAR that only one of the two versions carries.
     *
     * @param fileName its readable name
     * @param sha256 its SHA-256
     * @param size its size in bytes
     */
    public record DependencyRef(String fileName, String sha256, long size) {}

    /** Whether jobs would break at their next restart. */
    public boolean breaking() {
        return breakingChanges != null && !breakingChanges.isEmpty();
    }

    /** A (family, identifier) pair. */
    public record IdentifierRef(String family, String identifier) {}

    /** One option of one identifier, before and after (null where absent). */
    public record OptionChange(String identifier, String key, OptionShape before, OptionShape after) {}

    /** The parts of an option that matter for compatibility. */
    public record OptionShape(String type, String defaultValue, boolean required) {}
}
