package dev.flinkregistry.analyzer;

/**
 * Facts about the archive itself.
 *
 * @param fileName the file's name
 * @param sizeBytes its size
 * @param sha256 its SHA-256, lower-case hex
 * @param entries how many entries it has
 * @param classes how many of them are class files
 * @param inflatedBytes the sum of its entries' uncompressed sizes
 * @param newestJavaRelease the Java release its newest class file needs, or null without classes
 */
public record JarSummary(
        String fileName, long sizeBytes, String sha256, int entries, int classes, long inflatedBytes,
        Integer newestJavaRelease) {}
