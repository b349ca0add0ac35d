package dev.flinkregistry.analysisservice;

import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.DependencyCheck;
import dev.flinkregistry.analyzer.FlinkRuntimeInfo;
import dev.flinkregistry.analyzer.Isolation;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.JarAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The analyzer, as the registry server runs it locally: sandboxed workers, a bounded number at once.
 * A request that finds every slot taken waits {@code registry.analysis.queue-timeout}, then is told
 * to come back ({@link BusyException}) rather than queue without end.
 */
@Service
class Analyses implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Analyses.class);

    private final JarAnalyzer analyzer;
    private final Semaphore slots;
    private final ServiceSettings settings;
    private volatile Thread probe;
    private volatile boolean probed;

    Analyses(ServiceSettings settings) {
        this.settings = settings;
        this.analyzer = new JarAnalyzer(AnalyzerSettings.defaults()
                .withWorkerTimeout(settings.timeout())
                .withWorkerMemory((int) settings.heap().toMegabytes(), 256)
                .withWorkDirectory(settings.workDir().resolve("analyzer"))
                .withWorkerJavaHome(settings.javaHome())
                .withIsolation(settings.isolation())
                .withWorkerCpuTime(settings.cpuTime())
                .withWarmWorkers(settings.warmWorkers()));
        this.slots = new Semaphore(settings.maxConcurrent(), true);
        if (settings.isolation() == Isolation.NONE) {
            LOG.warn("registry.analysis.isolation=none: uploaded JARs' code runs WITHOUT operating-system isolation, "
                    + "with this service's user's rights. Use it only for a trial with trusted JARs.");
        }
    }

    /** Proves isolation once the service is up, in the background, then starts the warm workers. */
    @EventListener(ApplicationReadyEvent.class)
    void probeIsolation() {
        this.probe = analyzer.prepareInBackground(status -> {
            probed = true;
            if (status.available()) {
                LOG.info("Analysis workers run isolated by {}", status.mechanism());
            } else {
                LOG.error("Analyses are refused: no isolation works here. {}", status.reason());
            }
        });
    }

    /** Whether analyses can run, and isolated how; "not yet known" while the first probe runs. */
    IsolationStatus isolation() {
        if (!probed) {
            return new IsolationStatus(false, settings.isolation(), "The isolation probe is still running");
        }
        return analyzer.isolation();
    }

    /** The Flink line's facts; throws {@code UnsupportedFlinkVersionException} for a line not supported. */
    FlinkRuntimeInfo runtime(String flinkLine) {
        return analyzer.runtimes().get(flinkLine).info();
    }

    /**
     * Analyses the received JAR, whose digest the service computed itself.
     *
     * @throws BusyException when no slot frees within the queue timeout
     */
    JarAnalysis analyze(Path jar, String flinkLine, String sha256) throws IOException {
        return analyze(jar, flinkLine, sha256, List.of());
    }

    /**
     * Analyses the received JAR with its dependency JARs on the worker's user class path after it, in
     * this order, as the registry server's own workers do. Each dependency is first checked as the
     * server checks it (static scan only, nothing of it runs): a safe archive that declares no Flink
     * factories, or the request is refused.
     *
     * @throws BusyException when no slot frees within the queue timeout
     */
    JarAnalysis analyze(Path jar, String flinkLine, String sha256, List<Path> dependencies) throws IOException {
        for (int i = 0; i < dependencies.size(); i++) {
            check(analyzer.checkDependency(dependencies.get(i)), i + 1);
        }
        try {
            if (!slots.tryAcquire(settings.queueTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BusyException(settings.maxConcurrent());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException(settings.maxConcurrent());
        }
        try {
            return analyzer.analyze(jar, flinkLine, sha256, dependencies);
        } finally {
            slots.release();
        }
    }

    private static void check(DependencyCheck check, int position) {
        if (!check.safe()) {
            throw new ServiceException(422, "DEPENDENCY_UNSAFE", "Dependency " + position + " is not a safe archive: "
                    + check.findings().get(0).code() + " " + check.findings().get(0).message());
        }
        if (!check.declaredFactories().isEmpty()) {
            throw new ServiceException(422, "DEPENDENCY_HAS_FACTORIES", "Dependency " + position + " declares Flink "
                    + "factories (" + check.declaredFactories().size() + "); the registry registers it as a connector "
                    + "of its own, never as a dependency");
        }
    }

    @Override
    public void close() throws InterruptedException {
        Thread running = probe;
        if (running != null) {
            running.join(TimeUnit.SECONDS.toMillis(60));
        }
        analyzer.close();
    }

    /** Every analysis slot stayed taken for the whole queue timeout. */
    static final class BusyException extends ServiceException {
        BusyException(int slots) {
            super(503, "ANALYSIS_BUSY", "All " + slots + " analysis slots stayed busy; retry shortly");
        }
    }
}
