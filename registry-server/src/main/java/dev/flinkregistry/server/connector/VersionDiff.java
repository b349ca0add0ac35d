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
 * @param dependenciesAdded dependency JARs only {@code to} carries (by SHA-256)
 * @param dependenciesRemoved dependency JARs only {@code from} carries; not breaking by itself (the
 *     registry cannot tell whether a job needs a driver), but shown with every update
 */
public record VersionDiff(
        Integer from,
        Integer to,
        List<IdentifierRef> identifiersAdded,
        List<IdentifierRef> identifiersRemoved,
        List<OptionChange> optionsAdded,
        List<OptionChange> optionsRemoved,
        List<OptionChange> optionsChanged,
        List<String> breakingChanges,
        List<DependencyRef> dependenciesAdded,
        List<DependencyRef> dependenciesRemoved) {

    VersionDiff(Integer from, Integer to, List<IdentifierRef> identifiersAdded, List<IdentifierRef> identifiersRemoved,
                List<OptionChange> optionsAdded, List<OptionChange> optionsRemoved, List<OptionChange> optionsChanged,
                List<String> breakingChanges) {
        this(from, to, identifiersAdded, identifiersRemoved, optionsAdded, optionsRemoved, optionsChanged,
                breakingChanges, List.of(), List.of());
    }

    /** The same diff, with what changed in the dependency JARs from {@code before} to {@code after}. */
    VersionDiff withDependencies(List<dev.flinkregistry.server.upload.JarSource> before,
                                 List<dev.flinkregistry.server.upload.JarSource> after) {
        java.util.Set<String> was = new java.util.HashSet<>();
        before.forEach(d -> was.add(d.sha256()));
        java.util.Set<String> is = new java.util.HashSet<>();
        after.forEach(d -> is.add(d.sha256()));
        return new VersionDiff(from, to, identifiersAdded, identifiersRemoved, optionsAdded, optionsRemoved,
                optionsChanged, breakingChanges,
                after.stream().filter(d -> !was.contains(d.sha256())).map(DependencyRef::of).toList(),
                before.stream().filter(d -> !is.contains(d.sha256())).map(DependencyRef::of).toList());
    }

    /** A dependency JAR: its file name, digest and size. */
    public record DependencyRef(String fileName, String sha256, long size) {
        static DependencyRef of(dev.flinkregistry.server.upload.JarSource source) {
            return new DependencyRef(source.fileName(), source.sha256(), source.size());
        }
    }

    /** Whether the update would break jobs at their next restart. */
    public boolean breaking() {
        return !breakingChanges.isEmpty();
    }

    /** The same changes, once the new version has its number. */
    VersionDiff numbered(int version) {
        return new VersionDiff(from, version, identifiersAdded, identifiersRemoved, optionsAdded, optionsRemoved,
                optionsChanged, breakingChanges, dependenciesAdded, dependenciesRemoved);
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
