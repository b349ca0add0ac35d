package dev.flinkregistry.server.analysis;

import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.analyzer.Isolation;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.JarAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses in sandboxed worker JVMs started by this server (DESIGN rule 3). Without an isolation
 * mechanism that works here, analyses are refused unless an operator chose
 * {@code registry.analysis.isolation=none}, which is logged as a warning at every start.
 */
final class LocalAnalysis implements AnalysisEngine {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAnalysis.class);

    private final JarAnalyzer analyzer;
    private volatile Thread probe;

    LocalAnalysis(AnalysisProperties properties, Path workDirectory) {
        this.analyzer = new JarAnalyzer(AnalyzerSettings.defaults()
                .withWorkerTimeout(properties.timeout())
                .withWorkerMemory((int) properties.heap().toMegabytes(), 256)
                .withWorkDirectory(workDirectory)
                .withWorkerJavaHome(properties.javaHome())
                .withIsolation(properties.isolation())
                .withWorkerCpuTime(properties.cpuTime())
                .withWarmWorkers(properties.warmWorkers()));
        if (properties.isolation() == Isolation.NONE) {
            LOG.warn("registry.analysis.isolation=none: uploaded JARs' code runs WITHOUT operating-system isolation, "
                    + "with this server's user's rights. Use it only for a trial with trusted JARs.");
        }
    }

    /**
     * Finds out how workers are isolated here (running the worker once in each mechanism takes a second
     * or two) in the background, so that neither the first analysis nor the first health check waits.
     */
    @Override
    public void start() {
        this.probe = analyzer.prepareInBackground(status -> {
            if (status.available()) {
                LOG.info("Analysis workers run isolated by {}", status.mechanism());
            } else {
                LOG.error("Analyses are refused: no isolation works here. {}", status.reason());
            }
        });
    }

    @Override
    public IsolationStatus isolation() {
        return analyzer.isolation();
    }

    @Override
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256) throws IOException {
        return analyzer.analyze(jar, flinkLine, sha256);
    }

    @Override
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256, java.util.List<Path> dependencies)
            throws IOException {
        return analyzer.analyze(jar, flinkLine, sha256, dependencies);
    }

    @Override
    public FlinkRuntimeInfo runtime(String flinkLine) {
        return analyzer.runtimes().get(flinkLine).info();
    }

    @Override
    public int removeStaleScratch(Duration olderThan) {
        return analyzer.removeStaleScratch(olderThan);
    }

    @Override
    public String location() {
        return "local";
    }

    /**
     * Ends the waiting workers after the probe (which may be running a worker or starting the warm
     * ones): nothing of the analyzer is left running or on disk.
     */
    @Override
    public void close() {
        Thread running = probe;
        if (running != null) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        analyzer.close();
    }
}
