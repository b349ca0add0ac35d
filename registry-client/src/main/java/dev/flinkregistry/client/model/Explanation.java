package dev.flinkregistry.client.model;

import java.util.List;

/**
 * A failed job's Flink error text explained from what the workspace's registry knows.
 *
 * @param workspace the workspace asked
 * @param flinkVersion the workspace's Flink line, e.g. {@code 1.20}
 * @param problems each recognised problem once, in the order the text first shows it
 * @param message set when nothing was recognised, saying which errors are known
 */
public record Explanation(String workspace, String flinkVersion, List<Problem> problems, String message) {

    /** Copies the list; a missing one is empty. */
    public Explanation {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** Whether at least one problem was recognised. */
    public boolean recognised() {
        return !problems.isEmpty();
    }

    /**
     * One recognised problem.
     *
     * @param kind {@code FACTORY_NOT_FOUND}, {@code FORMAT_FACTORY_NOT_FOUND}, {@code MULTIPLE_FACTORIES},
     *     {@code UNSUPPORTED_OPTIONS} or {@code CLASS_NOT_FOUND}
     * @param identifier the identifier Flink looked up, or null for a class
     * @param family the family Flink looked it up in, when known
     * @param className the missing class, for {@code CLASS_NOT_FOUND}
     * @param builtIn the workspace's Flink release ships it
     * @param providers the registered versions that provide it, newest first per connector
     * @param unsupportedOptions for {@code UNSUPPORTED_OPTIONS}, each refused key
     * @param suggestions registered or built-in identifiers close to one that nothing provides
     * @param explanation what happened
     * @param fix what to do, one step per line ({@code fcr} commands, {@code ADD JAR} statements, option changes)
     */
    public record Problem(String kind, String identifier, String family, String className, boolean builtIn,
                          List<Provider> providers, List<UnsupportedOption> unsupportedOptions,
                          List<String> suggestions, String explanation, List<String> fix) {

        /** Copies the lists; missing ones are empty. */
        public Problem {
            providers = providers == null ? List.of() : List.copyOf(providers);
            unsupportedOptions = unsupportedOptions == null ? List.of() : List.copyOf(unsupportedOptions);
            suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
            fix = fix == null ? List.of() : List.copyOf(fix);
        }
    }

    /**
     * A registered version that provides what the job lacked.
     *
     * @param connector the connector's name
     * @param version the version number
     * @param current whether it is the connector's current version
     * @param family the family of the factory declaring the identifier; null for a class
     * @param factoryClass the factory class, or the class asked for
     * @param flinkVersion the Flink line it was analysed and registered for
     * @param builtFor the Flink version the JAR was built for, when known
     * @param suitable analysed for the workspace's Flink line
     * @param sha256 its bytes' digest
     * @param size its size in bytes
     * @param url its pinned download address
     */
    public record Provider(String connector, int version, boolean current, String family, String factoryClass,
                           String flinkVersion, String builtFor, boolean suitable, String sha256, long size,
                           String url) {}

    /**
     * An option key Flink did not accept.
     *
     * @param key the key
     * @param suggestion the closest key the factory accepts, or null
     * @param declaredBy versions of the connector that declare it, e.g. {@code sequence 2 (current)}
     */
    public record UnsupportedOption(String key, String suggestion, List<String> declaredBy) {

        /** Copies the list; a missing one is empty. */
        public UnsupportedOption {
            declaredBy = declaredBy == null ? List.of() : List.copyOf(declaredBy);
        }
    }
}
