package dev.flinkregistry.client.model;

import java.util.List;

/**
 * The analysis of a connector JAR for a Flink version.
 *
 * @param flinkVersion the engine line it was analysed for, e.g. {@code 1.20}
 * @param flinkRelease the exact Flink release checked against
 * @param jar the archive's name, size and digest
 * @param factories every factory found
 * @param findings every problem found, errors first
 * @param accepted whether the JAR would be registered
 */
public record Analysis(String flinkVersion, String flinkRelease, JarInfo jar, List<FactoryInfo> factories,
                       List<Finding> findings, boolean accepted) {

    /** The archive analysed. */
    public record JarInfo(String fileName, long sizeBytes, String sha256) {}
}
