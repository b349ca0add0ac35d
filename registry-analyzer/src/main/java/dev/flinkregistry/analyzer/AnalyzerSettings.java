package dev.flinkregistry.analyzer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits and places for an analysis.
 *
 * @param maxEntries most entries an archive may have
 * @param maxInflatedBytes most bytes an archive's entries may inflate to, together
 * @param maxCompressionRatio most an entry over 1 MiB may inflate relative to its compressed size
 * @param maxClassFileBytes largest class file read
 * @param workerTimeout wall-clock limit of one sandboxed worker run
 * @param workerHeapMiB the worker's maximum heap
 * @param workerMetaspaceMiB the worker's maximum metaspace
 * @param workDirectory where Flink's JARs are unpacked and workers get their scratch directories
 */
public record AnalyzerSettings(
        int maxEntries,
        long maxInflatedBytes,
        int maxCompressionRatio,
        long maxClassFileBytes,
        Duration workerTimeout,
        int workerHeapMiB,
        int workerMetaspaceMiB,
        Path workDirectory) {

    /** Limits that admit every real connector JAR we know, and refuse bombs. */
    public static AnalyzerSettings defaults() {
        return new AnalyzerSettings(100_000, 1L << 30, 100, 16L << 20, Duration.ofSeconds(30), 256, 256,
                Path.of(System.getProperty("java.io.tmpdir"), "flink-connector-registry"));
    }

    public AnalyzerSettings withWorkerTimeout(Duration timeout) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes, timeout,
                workerHeapMiB, workerMetaspaceMiB, workDirectory);
    }

    public AnalyzerSettings withWorkerMemory(int heapMiB, int metaspaceMiB) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes,
                workerTimeout, heapMiB, metaspaceMiB, workDirectory);
    }

    public AnalyzerSettings withMaxInflatedBytes(long bytes) {
        return new AnalyzerSettings(maxEntries, bytes, maxCompressionRatio, maxClassFileBytes, workerTimeout,
                workerHeapMiB, workerMetaspaceMiB, workDirectory);
    }

    public AnalyzerSettings withMaxEntries(int entries) {
        return new AnalyzerSettings(entries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes, workerTimeout,
                workerHeapMiB, workerMetaspaceMiB, workDirectory);
    }

    public AnalyzerSettings withWorkDirectory(Path directory) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes,
                workerTimeout, workerHeapMiB, workerMetaspaceMiB, directory);
    }
}
