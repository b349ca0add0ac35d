package dev.flinkregistry.server.connector;

import java.util.List;

/**
 * What changed between two versions of a connector, and whether jobs would break at restart.
 *
 * @param from the older version (null for a connector's first version)
 * @param to the newer version
 * @param identifiersAdded (family, identifier) pairs only {@code to} offers
 * @param identifiersRemoved pairs only {@code from} offers: jobs using them stop resolving
 * @param optionsAdded options only {@code to} declares
 * @param optionsRemoved options only {@code from} declares: jobs setting them fail validation
 * @param optionsChanged options whose type, default or required flag changed
 * @param breakingChanges why the update would break jobs; empty when it would not
 */
public record VersionDiff(
        Integer from,
        Integer to,
        List<IdentifierRef> identifiersAdded,
        List<IdentifierRef> identifiersRemoved,
        List<OptionChange> optionsAdded,
        List<OptionChange> optionsRemoved,
        List<OptionChange> optionsChanged,
        List<String> breakingChanges) {

    /** Whether the update would break jobs at their next restart. */
    public boolean breaking() {
        return !breakingChanges.isEmpty();
    }

    /** The same changes, once the new version has its number. */
    VersionDiff numbered(int version) {
        return new VersionDiff(from, version, identifiersAdded, identifiersRemoved, optionsAdded, optionsRemoved,
                optionsChanged, breakingChanges);
    }

    /** A (family, identifier) pair. */
    public record IdentifierRef(String family, String identifier) {}

    /**
     * One option of one identifier, before and after (null where absent).
     *
     * @param identifier the factory's identifier
     * @param key the option key
     * @param before type, default and required flag in {@code from}
     * @param after type, default and required flag in {@code to}
     */
    public record OptionChange(String identifier, String key, OptionShape before, OptionShape after) {}

    /** The parts of an option that matter for compatibility. */
    public record OptionShape(String type, String defaultValue, boolean required) {}
}
