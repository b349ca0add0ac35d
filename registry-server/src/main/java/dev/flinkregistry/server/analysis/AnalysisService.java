package dev.flinkregistry.server.analysis;

import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.DependencyCheck;
import dev.flinkregistry.analyzer.DependencyScanner;
import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Runs analyses for the server: a bounded number at once, timed and counted by outcome in the
 * metrics, in whichever {@link AnalysisEngine} the configuration chose — this server's sandboxed
 * workers, or the remote analysis service.
 */
@Service
public class AnalysisService {

    private final AnalysisEngine engine;
    private final Semaphore slots;
    private final MeterRegistry meters;
    private final DependencyScanner dependencies = new DependencyScanner(AnalyzerSettings.defaults());

    AnalysisService(AnalysisEngine engine, AnalysisProperties properties, MeterRegistry meters) {
        this.engine = engine;
        this.slots = new Semaphore(properties.maxConcurrent(), true);
        this.meters = meters;
    }

    /**
     * Proves, once the server is up, that analyses can run (running a worker, or asking the service),
     * in the background, so that neither the first analysis nor the first health check waits.
     */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        engine.start();
    }

    /** Whether analyses can run, and isolated how; proven by running the worker (or by the service), remembered. */
    public IsolationStatus isolation() {
        return engine.isolation();
    }

    /** Where analyses run: {@code local}, or the remote analysis service's address. */
    public String location() {
        return engine.location();
    }

    /** Removes scratch directories of analyses that ended long ago (a crash); returns how many. */
    public int removeStaleScratch(Duration olderThan) {
        return engine.removeStaleScratch(olderThan);
    }

    /** Analyses the JAR for the Flink line (e.g. {@code 1.20}), reporting it under the name it was sent with. */
    public JarAnalysis analyze(Path jar, String fileName, String flinkLine, String sha256) {
        return analyze(jar, flinkLine, sha256).withFileName(fileName);
    }

    /**
     * Like {@link #analyze(Path, String, String, String)}, with the connector's dependency JARs on the
     * worker's user class path after it, as they will be on a job's (this server's workers or the
     * remote analysis service's alike).
     */
    public JarAnalysis analyze(Path jar, String fileName, String flinkLine, String sha256, List<Path> dependencies) {
        return run(() -> engine.analyze(jar, flinkLine, sha256, dependencies)).withFileName(fileName);
    }

    /**
     * Checks a JAR meant as a connector's dependency with the static scan's archive checks, in this
     * process: none of its code runs, so neither a worker nor the remote service is needed.
     */
    public DependencyCheck checkDependency(Path jar) {
        try {
            return dependencies.check(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Analyses the JAR for the Flink line (e.g. {@code 1.20}); {@code sha256}, when known, spares a second read. */
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256) {
        return run(() -> engine.analyze(jar, flinkLine, sha256));
    }

    /** An engine's analysis. */
    @FunctionalInterface
    private interface Run {
        JarAnalysis analyze() throws IOException;
    }

    private JarAnalysis run(Run run) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            slots.acquire();
            try {
                JarAnalysis analysis = run.analyze();
                outcome = analysis.accepted() ? "accepted" : "refused";
                return analysis;
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to analyse", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sample.stop(meters.timer("registry.analysis", "outcome", outcome));
        }
    }

    /** What the analyzer knows of a Flink line: built-in factories, reserved identifiers. */
    public FlinkRuntimeInfo runtime(String flinkLine) {
        return engine.runtime(flinkLine);
    }
}
