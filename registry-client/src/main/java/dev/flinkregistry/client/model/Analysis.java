package dev.flinkregistry.client.model;

import java.util.List;

/**
 * The analysis of a connector JAR for a Flink version.
 *
 * @param flinkVersion the engine line it was analysed for, e.g. {@code 1.20}
 * @param flinkRelease the exact Flink release checked against
 * @param jar the archive's name, size and digest; null when it is not a readable archive
 * @param builtFor which Flink version the JAR was built for, as far as its contents tell; null when not known
 * @param factories every factory found
 * @param findings every problem found, errors first
 * @param accepted whether the JAR would be registered
 * @param durationMillis how long the analysis took
 * @param workerPeakRssKiB the sandboxed worker's peak resident memory, or -1 when no worker ran
 */
public record Analysis(String flinkVersion, String flinkRelease, JarInfo jar, BuiltFor builtFor,
                       List<FactoryInfo> factories, List<Finding> findings, boolean accepted, long durationMillis,
                       long workerPeakRssKiB) {

    /**
     * The archive analysed.
     *
     * @param fileName its file name
     * @param sizeBytes its size
     * @param sha256 its SHA-256, lower-case hex
     * @param entries how many entries it has; null when not known
     * @param classes how many of them are class files; null when not known
     * @param inflatedBytes the sum of the entries' uncompressed sizes; null when not known
     * @param newestJavaRelease the Java release the newest class file needs; null when there are no classes
     */
    public record JarInfo(String fileName, long sizeBytes, String sha256, Integer entries, Integer classes,
                          Long inflatedBytes, Integer newestJavaRelease) {}

    /**
     * Which Flink version a JAR was built for.
     *
     * @param flinkVersion e.g. {@code 1.19} or {@code 1.20.3}; null when nothing says
     * @param declared true when the manifest or embedded Maven descriptors say so, false when inferred
     * @param evidence what it was told by
     */
    public record BuiltFor(String flinkVersion, boolean declared, List<String> evidence) {}
}
