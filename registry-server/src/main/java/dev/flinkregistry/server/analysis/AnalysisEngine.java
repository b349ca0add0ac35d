package dev.flinkregistry.server.analysis;

import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where analyses run: in sandboxed workers of this server ({@link LocalAnalysis}) or in the remote
 * analysis service ({@link RemoteAnalysis}); {@link AnalysisEngines} chooses by configuration.
 */
interface AnalysisEngine extends AutoCloseable {

    /** Called once the server is up: prove isolation and start what should be ready before the first analysis. */
    void start();

    /** Whether analyses can run, and isolated how. */
    IsolationStatus isolation();

    /**
     * Analyses the JAR for the Flink line; {@code sha256} is this server's own digest of the bytes, or null.
     *
     * @throws dev.flinkregistry.analyzer.UnsupportedFlinkVersionException for a line nobody supports
     * @throws dev.flinkregistry.analyzer.SandboxUnavailableException when the local sandbox cannot run
     * @throws AnalysisServiceUnavailableException when the remote service gives no usable answer
     */
    JarAnalysis analyze(Path jar, String flinkLine, String sha256) throws IOException;

    /**
     * Like {@link #analyze(Path, String, String)}, with the connector's dependency JARs on the worker's
     * user class path after it, in this order; each already checked for archive safety by the server.
     */
    JarAnalysis analyze(Path jar, String flinkLine, String sha256, java.util.List<Path> dependencies)
            throws IOException;

    /** A supported Flink line's facts; throws {@code UnsupportedFlinkVersionException} for another. */
    FlinkRuntimeInfo runtime(String flinkLine);

    /** Removes what crashed analyses left on this server's disk; returns how many directories and files. */
    int removeStaleScratch(Duration olderThan);

    /** Where analyses run, for the health: {@code local}, or the service's address. */
    String location();

    @Override
    void close();
}
