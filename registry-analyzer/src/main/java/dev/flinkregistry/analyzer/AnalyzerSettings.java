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
 * @param workerJavaHome the Java the worker runs on; null picks one new enough for each Flink version
 *     (this JVM's, else a newer JDK installed beside it)
 * @param isolation how the worker is isolated from the host; {@link Isolation#NONE} is an explicit
 *     opt-out, without which an analysis is refused when isolation is unavailable
 * @param workerCpuTime CPU-time limit of one worker process (all its threads together)
 * @param warmWorkers how many workers to keep started and waiting, per Flink version, so that an
 *     analysis does not wait for a JVM to start (each is used once); 0 starts every worker on demand
 */
public record AnalyzerSettings(
        int maxEntries,
        long maxInflatedBytes,
        int maxCompressionRatio,
        long maxClassFileBytes,
        Duration workerTimeout,
        int workerHeapMiB,
        int workerMetaspaceMiB,
        Path workDirectory,
        Path workerJavaHome,
        Isolation isolation,
        Duration workerCpuTime,
        int warmWorkers) {

    /** Warm workers per Flink version by default: an idle one costs memory (about 60 MiB), no CPU. */
    public static final int DEFAULT_WARM_WORKERS = 1;

    public AnalyzerSettings {
        isolation = isolation == null ? Isolation.AUTO : isolation;
        workerCpuTime = workerCpuTime == null ? Duration.ofSeconds(60) : workerCpuTime;
        if (warmWorkers < 0) {
            throw new IllegalArgumentException("warmWorkers must not be negative: " + warmWorkers);
        }
    }

    /** Limits that admit every real connector JAR we know, and refuse bombs; isolation chosen automatically. */
    public static AnalyzerSettings defaults() {
        return new AnalyzerSettings(100_000, 1L << 30, 100, 16L << 20, Duration.ofSeconds(30), 256, 256,
                Path.of(System.getProperty("java.io.tmpdir"), "flink-connector-registry"), null, Isolation.AUTO,
                Duration.ofSeconds(60), DEFAULT_WARM_WORKERS);
    }

    public AnalyzerSettings withWorkerTimeout(Duration timeout) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes, timeout,
                workerHeapMiB, workerMetaspaceMiB, workDirectory, workerJavaHome, isolation, workerCpuTime,
                warmWorkers);
    }

    public AnalyzerSettings withWorkerMemory(int heapMiB, int metaspaceMiB) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes,
                workerTimeout, heapMiB, metaspaceMiB, workDirectory, workerJavaHome, isolation, workerCpuTime,
                warmWorkers);
    }

    public AnalyzerSettings withMaxInflatedBytes(long bytes) {
        return new AnalyzerSettings(maxEntries, bytes, maxCompressionRatio, maxClassFileBytes, workerTimeout,
                workerHeapMiB, workerMetaspaceMiB, workDirectory, workerJavaHome, isolation, workerCpuTime,
                warmWorkers);
    }

    public AnalyzerSettings withMaxEntries(int entries) {
        return new AnalyzerSettings(entries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes, workerTimeout,
                workerHeapMiB, workerMetaspaceMiB, workDirectory, workerJavaHome, isolation, workerCpuTime,
                warmWorkers);
    }

    public AnalyzerSettings withWorkerJavaHome(Path javaHome) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes,
                workerTimeout, workerHeapMiB, workerMetaspaceMiB, workDirectory, javaHome, isolation, workerCpuTime,
                warmWorkers);
    }

    public AnalyzerSettings withWorkDirectory(Path directory) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes,
                workerTimeout, workerHeapMiB, workerMetaspaceMiB, directory, workerJavaHome, isolation, workerCpuTime,
                warmWorkers);
    }

    public AnalyzerSettings withIsolation(Isolation mode) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes,
                workerTimeout, workerHeapMiB, workerMetaspaceMiB, workDirectory, workerJavaHome, mode, workerCpuTime,
                warmWorkers);
    }

    public AnalyzerSettings withWorkerCpuTime(Duration cpuTime) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes,
                workerTimeout, workerHeapMiB, workerMetaspaceMiB, workDirectory, workerJavaHome, isolation, cpuTime,
                warmWorkers);
    }

    public AnalyzerSettings withWarmWorkers(int perFlinkVersion) {
        return new AnalyzerSettings(maxEntries, maxInflatedBytes, maxCompressionRatio, maxClassFileBytes,
                workerTimeout, workerHeapMiB, workerMetaspaceMiB, workDirectory, workerJavaHome, isolation, workerCpuTime,
                perFlinkVersion);
    }
}
