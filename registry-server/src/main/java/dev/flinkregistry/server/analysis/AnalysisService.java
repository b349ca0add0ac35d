package dev.flinkregistry.server.analysis;

import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.FlinkRuntime;
import dev.flinkregistry.analyzer.Isolation;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.JarAnalyzer;
import dev.flinkregistry.analyzer.JarSummary;
import dev.flinkregistry.server.storage.StorageProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Runs the analyzer for the server: a bounded number at once (each in a sandboxed JVM, started
 * ahead of time when one is waiting, once the isolation probe has passed), timed
 * and counted by outcome in the metrics. Without an isolation mechanism that works here, analyses
 * are refused (DESIGN rule 3) unless an operator chose {@code registry.analysis.isolation=none},
 * which is logged as a warning at every start.
 */
@Service
public class AnalysisService {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisService.class);

    private final JarAnalyzer analyzer;
    private final Semaphore slots;
    private volatile Thread probe;
    private final MeterRegistry meters;

    AnalysisService(AnalysisProperties properties, StorageProperties storage, MeterRegistry meters) {
        AnalyzerSettings settings = AnalyzerSettings.defaults()
                .withWorkerTimeout(properties.timeout())
                .withWorkerMemory((int) properties.heap().toMegabytes(), 256)
                .withWorkDirectory(storage.analysis())
                .withWorkerJavaHome(properties.javaHome())
                .withIsolation(properties.isolation())
                .withWorkerCpuTime(properties.cpuTime())
                .withWarmWorkers(properties.warmWorkers());
        this.analyzer = new JarAnalyzer(settings);
        this.slots = new Semaphore(properties.maxConcurrent(), true);
        this.meters = meters;
        if (properties.isolation() == Isolation.NONE) {
            LOG.warn("registry.analysis.isolation=none: uploaded JARs' code runs WITHOUT operating-system isolation, "
                    + "with this server's user's rights. Use it only for a trial with trusted JARs.");
        }
    }

    /**
     * Finds out, once the server is up, how workers are isolated here (running the worker once in each
     * mechanism takes a second or two), so that neither the first analysis nor the first health check waits.
     */
    @EventListener(ApplicationReadyEvent.class)
    void probeIsolation() {
        Thread probe = new Thread(() -> {
            IsolationStatus status = isolation();
            if (status.available()) {
                LOG.info("Analysis workers run isolated by {}", status.mechanism());
                analyzer.prestart();
            } else {
                LOG.error("Analyses are refused: no isolation works here. {}", status.reason());
            }
        }, "analysis-isolation-probe");
        probe.setDaemon(true);
        this.probe = probe;
        probe.start();
    }

    /**
     * Ends the workers waiting for analyses, with the server, after the probe (which may be running a
     * worker or starting the warm ones): nothing of the analyzer is left running or on disk.
     */
    @PreDestroy
    void close() throws InterruptedException {
        Thread running = probe;
        if (running != null) {
            running.join(TimeUnit.SECONDS.toMillis(60));
        }
        analyzer.close();
    }

    /** Whether analyses can run, and isolated how; proven by running the worker, remembered. */
    public IsolationStatus isolation() {
        return analyzer.isolation();
    }

    /** Removes scratch directories of analyses that ended long ago (a crash); returns how many. */
    public int removeStaleScratch(Duration olderThan) {
        return analyzer.removeStaleScratch(olderThan);
    }

    /** Analyses the JAR for the Flink line (e.g. {@code 1.20}), reporting it under the name it was sent with. */
    public JarAnalysis analyze(Path jar, String fileName, String flinkLine, String sha256) {
        JarAnalysis result = analyze(jar, flinkLine, sha256);
        if (result.jar() == null) {
            return result;
        }
        String shownName = fileName == null || fileName.isBlank() ? "upload.jar" : fileName;
        JarSummary summary = result.jar();
        return new JarAnalysis(result.flinkVersion(), result.flinkRelease(), new JarSummary(shownName,
                summary.sizeBytes(), summary.sha256(), summary.entries(), summary.classes(), summary.inflatedBytes(),
                summary.newestJavaRelease()), result.builtFor(), result.factories(), result.findings(),
                result.accepted(), result.durationMillis(), result.workerPeakRssKiB(), result.phases());
    }

    /** Analyses the JAR for the Flink line (e.g. {@code 1.20}); {@code sha256}, when known, spares a second read. */
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            slots.acquire();
            try {
                JarAnalysis analysis = analyzer.analyze(jar, flinkLine, sha256);
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
    public FlinkRuntime runtime(String flinkLine) {
        return analyzer.runtimes().get(flinkLine);
    }
}
