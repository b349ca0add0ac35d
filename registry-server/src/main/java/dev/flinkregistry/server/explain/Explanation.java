package dev.flinkregistry.server.explain;

import java.util.List;

/**
 * The answer to {@code POST …/explain}: each problem recognised in the error text, explained from
 * what the workspace's registry knows; none, with a {@code message}, when nothing was recognised; at
 * most {@code ExplainService.MAX_PROBLEMS}, with a {@code message} saying how many were left out.
 */
record Explanation(String workspace, String flinkVersion, List<ExplainedProblem> problems, String message) {

    /**
     * One recognised problem.
     *
     * @param kind FACTORY_NOT_FOUND, FORMAT_FACTORY_NOT_FOUND, MULTIPLE_FACTORIES, UNSUPPORTED_OPTIONS or CLASS_NOT_FOUND
     * @param identifier the identifier Flink looked up, or null (CLASS_NOT_FOUND)
     * @param family the family Flink looked it up in ({@code table-connector}, {@code decoding-format}, …), or null
     * @param className the missing class (CLASS_NOT_FOUND), or null
     * @param builtIn the workspace's Flink release ships the identifier or class
     * @param providers the registered versions that provide it, newest first
     * @param unsupportedOptions UNSUPPORTED_OPTIONS: each key Flink did not accept, with what was meant
     * @param suggestions registered or built-in identifiers close to one that nothing provides
     * @param explanation what happened, for people
     * @param fix what to do, one step per line (commands, {@code ADD JAR} statements, option changes)
     */
    record ExplainedProblem(String kind, String identifier, String family, String className, boolean builtIn,
                            List<ExplainProvider> providers, List<ExplainOption> unsupportedOptions,
                            List<String> suggestions, String explanation, List<String> fix) {}

    /**
     * A registered version that provides what the job lacked.
     *
     * @param factoryClass the factory class declaring the identifier, or the class asked for
     * @param flinkVersion the Flink line the version was analysed and registered for
     * @param builtFor the Flink version the JAR says (or its classes suggest) it was built for, or null
     * @param suitable whether it was analysed for the workspace's Flink line (so Flink there loads it)
     * @param url the pinned download address
     * @param dependencyJar null, or the file name of the dependency JAR the version carries that holds the class
     *     (CLASS_NOT_FOUND); {@code sha256}, {@code size} and {@code url} are then that dependency JAR's
     */
    record ExplainProvider(String connector, int version, boolean current, String family, String factoryClass,
                           String flinkVersion, String builtFor, boolean suitable, String sha256, long size,
                           String url, String dependencyJar) {}

    /**
     * An option key Flink did not accept.
     *
     * @param suggestion the closest key the factory accepts (declared or fallback), or null
     * @param declaredBy other versions of the connector that do declare the key, e.g. {@code sequence 2 (current)}
     */
    record ExplainOption(String key, String suggestion, List<String> declaredBy) {}
}
