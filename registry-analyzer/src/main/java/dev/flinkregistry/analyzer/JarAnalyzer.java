package dev.flinkregistry.analyzer;

import dev.flinkregistry.analyzer.worker.JavaReleases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Analyses a connector JAR for a Flink engine version: checks the archive, scans its classes,
 * and loads its factories in an OS-level sandbox, all without running the JAR's code in this JVM.
 * Thread-safe; one instance serves any number of analyses. It keeps a few workers started ahead
 * of time ({@link AnalyzerSettings#warmWorkers()}), which {@link #close()} ends.
 */
public final class JarAnalyzer implements AutoCloseable {

    private final AnalyzerSettings settings;
    private final FlinkRuntimes runtimes;
    private final ArchiveScanner archives;
    private final ClassScanner classScanner;
    private final ScratchDirectories scratch;
    private final WorkerLauncher launcher;
    private final FactoryLoader loader;

    public JarAnalyzer(AnalyzerSettings settings) {
        this(settings, FlinkRuntimes.load(settings.workDirectory()));
    }

    /** Also removes what analyses interrupted by a crash left in the work directory. */
    public JarAnalyzer(AnalyzerSettings settings, FlinkRuntimes runtimes) {
        this(settings, runtimes, null);
    }

    /** With another launcher than the local sandbox (a remote analysis service, a test's); null for the local one. */
    JarAnalyzer(AnalyzerSettings settings, FlinkRuntimes runtimes, WorkerLauncher launcher) {
        this.settings = settings;
        this.runtimes = runtimes;
        this.archives = new ArchiveScanner(settings);
        this.classScanner = new ClassScanner(settings);
        this.scratch = new ScratchDirectories(settings.workDirectory());
        this.launcher = launcher != null ? launcher : new LocalWorkerLauncher(settings, runtimes, scratch);
        this.loader = new FactoryLoader(this.launcher, settings);
        scratch.removeStale(Duration.ZERO);
    }

    public FlinkRuntimes runtimes() {
        return runtimes;
    }

    public AnalyzerSettings settings() {
        return settings;
    }

    /**
     * Whether analyses can run, and isolated how (DESIGN rule 3). The first call proves the
     * configured isolation by running a worker in it, which takes a moment; the answer is kept.
     */
    public IsolationStatus isolation() {
        return launcher.isolation();
    }

    /**
     * Starts the warm workers of every supported Flink version now, in the background, once
     * isolation works here (the first call proves it, which takes a moment), so that even the
     * first analysis need not wait for a JVM to start. Without it they start with the first analysis.
     */
    public void prestart() {
        launcher.prestart();
    }

    /**
     * On a daemon thread: proves isolation, tells {@code probed} what it found (to log it, say), then,
     * when isolation works, starts the warm workers. Join the thread before {@link #close()}.
     *
     * @return the started thread
     */
    public Thread prepareInBackground(java.util.function.Consumer<IsolationStatus> probed) {
        Thread probe = new Thread(() -> {
            IsolationStatus status = isolation();
            probed.accept(status);
            if (status.available()) {
                prestart();
            }
        }, "analysis-isolation-probe");
        probe.setDaemon(true);
        probe.start();
        return probe;
    }

    /**
     * Waits until the warm workers are started and warmed up, at most {@code timeout}; true when they
     * are (and at once when none are kept). For benchmarks and tests that compare like with like.
     */
    public boolean awaitWarmWorkers(Duration timeout) throws InterruptedException {
        return launcher.awaitWarm(timeout);
    }

    /** The processes of the warm workers waiting now (for tests). */
    List<ProcessHandle> waitingWorkers() {
        return launcher.waiting();
    }

    /** Ends the warm workers; analyses after this start their workers on demand. */
    @Override
    public void close() {
        launcher.close();
    }

    /**
     * Removes scratch directories in the work directory that analyses interrupted by a crash left,
     * older than {@code olderThan} (at least ten seconds, the moment between making a directory and
     * locking it), and never one a running analysis of any process uses.
     *
     * @return how many directories and files were removed
     */
    public int removeStaleScratch(Duration olderThan) {
        return scratch.removeStale(olderThan);
    }

    /**
     * Checks a JAR meant as a connector's dependency with the static scan's archive checks only:
     * nothing of it runs, so this needs no sandbox and is safe to call anywhere.
     */
    public DependencyCheck checkDependency(Path jar) throws IOException {
        return new DependencyScanner(settings).check(jar);
    }

    /**
     * Analyses the JAR for the engine line (e.g. {@code 1.20}). Bad archives are findings, not
     * exceptions; an {@link IOException} means the file itself could not be read.
     *
     * @throws UnsupportedFlinkVersionException for a line the analyzer does not support
     * @throws SandboxUnavailableException when the worker cannot be isolated as configured
     */
    public JarAnalysis analyze(Path jar, String flinkLine) throws IOException {
        return analyze(jar, flinkLine, null);
    }

    /**
     * Like {@link #analyze(Path, String)}, for a caller that already hashed the file while receiving
     * it: {@code sha256} is trusted, which spares reading a large JAR a second time.
     *
     * @throws SandboxUnavailableException when the worker cannot be isolated as configured
     */
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256) throws IOException {
        return analyze(jar, flinkLine, sha256, List.of());
    }

    /**
     * Like {@link #analyze(Path, String, String)}, with JARs attached to the connector as its
     * dependencies (a database driver, a client library) on the worker's user class path after the
     * JAR, as they will be on a job's: a factory that needs their classes loads and is described.
     * Their own factories are not analysed; check each with {@link #checkDependency(Path)} first.
     *
     * @throws SandboxUnavailableException when the worker cannot be isolated as configured
     */
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256, List<Path> dependencies) throws IOException {
        AnalysisPhases.Clock clock = new AnalysisPhases.Clock();
        FlinkRuntime runtime = runtimes.get(flinkLine);
        IsolationStatus isolation = launcher.isolation();
        if (!isolation.available()) {
            throw new SandboxUnavailableException(isolation);
        }
        try (OpenedArchive archive = archives.open(jar, sha256)) {
            clock.archiveOpened();
            String fileName = jar.getFileName().toString();
            if (!archive.readable()) {
                JarSummary summary = archive.zip() == null ? new JarSummary(fileName, archive.sizeBytes,
                        archive.sha256, 0, 0, 0, null) : summary(fileName, archive, null);
                return result(runtime, summary, BuiltFor.unknown(), List.of(), archive.findings(), clock, -1);
            }
            // The worker starts at once and runs while the classes are scanned.
            // Flink 1.x also finds catalogs and modules declared only as legacy TableFactories.
            Set<String> legacy = legacyOnly(archive, runtime);
            List<String> declared = new ArrayList<>(archive.declaredFactories);
            declared.addAll(legacy);
            CompletableFuture<FactoryLoader.Loaded> loading = declared.isEmpty()
                    ? CompletableFuture.completedFuture(new FactoryLoader.Loaded(List.of(), -1, List.of()))
                    : CompletableFuture.supplyAsync(() -> load(runtime, jar, declared, List.of(), legacy, dependencies,
                            clock));
            ClassScanner.Contents contents = classScanner.scan(archive);
            clock.classesRead();
            if (contents.inflationExceeded != null) {
                loading.join();
                clock.workersJoined();
                return result(runtime, summary(fileName, archive, contents), BuiltFor.unknown(),
                        List.of(), List.of(contents.inflationExceeded), clock, -1);
            }
            FactoryHierarchy hierarchy = new FactoryHierarchy(contents.classes);
            clock.checked();
            FactoryLoader.Loaded loaded = loadAll(runtime, jar, declared, loading, hierarchy, dependencies, clock);
            clock.workersJoined();
            List<Finding> findings = new ArrayList<>(loaded.findings());
            // What the worker said is checked against the scan before anything builds on it.
            List<FactoryReport> factories = ReportCheck.verify(loaded.reports(), hierarchy, runtime);
            // A legacy class is offered when Flink 1.x can use it as a catalog or module; else the warning says it all.
            factories = factories.stream().filter(f -> !legacy.contains(f.className()) || f.loaded()).toList();
            List<FactoryReport> legacyOffered = factories.stream().filter(f -> legacy.contains(f.className())).toList();
            // The Java limit first: a factory it fails needs no look at its bytecode for lookup.
            factories = withLookup(withinJavaLimit(factories, contents, runtime), hierarchy, archive);
            factories = MissingClasses.attribute(factories, runtime, runtimesByLine().values());
            factories = FactoryChecks.withoutDuplicates(factories, findings);
            BuiltFor builtFor = BuiltForDetector.detect(contents, runtimesByLine());
            findings.addAll(FactoryChecks.check(factories, runtime,
                    !archive.declaredFactories.isEmpty() || !legacyOffered.isEmpty()));
            findings.addAll(PackagingChecks.check(contents, runtime, runtimesByLine().values(), builtFor,
                    archive.legacyServices, legacyOffered));
            if (declared.isEmpty() && !archive.legacyServices) {
                findings.addAll(PackagingChecks.foreignPlugins(archive.otherServices));
            }
            clock.checked();
            return result(runtime, summary(fileName, archive, contents), builtFor, factories, findings, clock,
                    loaded.peakRssKiB());
        }
    }

    /**
     * The classes only the legacy TableFactory services file declares, when the target is Flink 1.x,
     * whose TableFactoryService still finds catalogs and modules there; none on 2.x, which dropped it.
     */
    private static Set<String> legacyOnly(OpenedArchive archive, FlinkRuntime runtime) {
        if (!runtime.line().startsWith("1.")) {
            return Set.of();
        }
        Set<String> legacy = new java.util.LinkedHashSet<>(archive.legacyFactories);
        archive.declaredFactories.forEach(legacy::remove);
        int room = Math.max(0, ArchiveScanner.MAX_FACTORY_CLASSES - archive.declaredFactories.size());
        return legacy.stream().limit(room).collect(java.util.stream.Collectors.toCollection(
                java.util.LinkedHashSet::new));
    }

    /**
     * The declared factories, loading since the scan began, then the undeclared ones the scan found:
     * at most {@link ArchiveScanner#MAX_FACTORY_CLASSES} together.
     */
    private FactoryLoader.Loaded loadAll(FlinkRuntime runtime, Path jar, List<String> declared,
                                         CompletableFuture<FactoryLoader.Loaded> loading, FactoryHierarchy hierarchy,
                                         List<Path> dependencies, AnalysisPhases.Clock clock) throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<String> undeclared = hierarchy.undeclaredFactories(declared);
        int room = ArchiveScanner.MAX_FACTORY_CLASSES - declared.size();
        if (undeclared.size() > room) {
            findings.add(ArchiveScanner.tooManyFactories(declared.size() + undeclared.size(), "declares and holds"));
            undeclared = undeclared.subList(0, room);
        }
        FactoryLoader.Loaded loaded = join(loading);
        List<FactoryReport> reports = new ArrayList<>(loaded.reports());
        findings.addAll(loaded.findings());
        long peakRss = loaded.peakRssKiB();
        if (!undeclared.isEmpty()) {
            FactoryLoader.Loaded extra = load(runtime, jar, List.of(), undeclared, Set.of(), dependencies, clock);
            reports.addAll(extra.reports());
            findings.addAll(extra.findings());
            peakRss = Math.max(peakRss, extra.peakRssKiB());
        }
        return new FactoryLoader.Loaded(reports, peakRss, findings);
    }

    private FactoryLoader.Loaded load(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared,
                                      Set<String> legacy, List<Path> dependencies, AnalysisPhases.Clock clock) {
        long started = System.nanoTime();
        try {
            return loader.load(runtime, jar, declared, undeclared, legacy, dependencies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            clock.workerRan(System.nanoTime() - started);
        }
    }

    private static FactoryLoader.Loaded join(CompletableFuture<FactoryLoader.Loaded> loading) throws IOException {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw e;
        }
    }

    private static List<FactoryReport> withLookup(List<FactoryReport> factories, FactoryHierarchy hierarchy,
                                                  OpenedArchive archive) throws IOException {
        List<FactoryReport> result = new ArrayList<>();
        for (FactoryReport factory : factories) {
            if (factory.loaded() && factory.capabilities().contains("source")
                    && hierarchy.createsLookupSource(archive, factory.className())) {
                Set<String> capabilities = new LinkedHashSet<>(factory.capabilities());
                capabilities.add("lookup");
                factory = new FactoryReport(factory.className(), factory.declared(), factory.identifier(),
                        factory.families(), List.copyOf(capabilities), factory.discovery(), factory.options(), null);
            }
            result.add(factory);
        }
        return result;
    }

    /**
     * A factory whose class needs a newer Java than the Flink version runs on cannot load there,
     * even when the worker's newer Java loaded it: the verdict must not depend on the analyzer's Java.
     */
    private static List<FactoryReport> withinJavaLimit(List<FactoryReport> factories, ClassScanner.Contents contents,
                                                       FlinkRuntime runtime) {
        List<FactoryReport> result = new ArrayList<>();
        for (FactoryReport factory : factories) {
            ClassFacts facts = contents.classes.get(factory.className().replace('.', '/'));
            int release = facts == null ? 0 : ClassFacts.javaRelease(facts.majorVersion());
            if (factory.loaded() && release > runtime.maxJavaRelease()) {
                factory = FactoryReport.failed(factory.className(), factory.declared(), new FactoryFailure(
                        FindingCode.FACTORY_CLASS_VERSION_TOO_NEW.name(),
                        JavaReleases.tooNew(release, runtime.maxJavaRelease(), runtime.line()),
                        UnsupportedClassVersionError.class.getName(), List.of()));
            }
            result.add(factory);
        }
        return result;
    }

    private Map<String, FlinkRuntime> runtimesByLine() {
        Map<String, FlinkRuntime> all = new LinkedHashMap<>();
        FlinkRuntimes.SUPPORTED_LINES.forEach(line -> all.put(line, runtimes.get(line)));
        return all;
    }

    private static JarSummary summary(String fileName, OpenedArchive archive, ClassScanner.Contents contents) {
        Integer newest = contents == null || contents.newestMajor == 0 ? null : ClassFacts.javaRelease(contents.newestMajor);
        return new JarSummary(fileName, archive.sizeBytes, archive.sha256, archive.entryCount, archive.classCount,
                archive.inflatedBytes, newest);
    }

    private static JarAnalysis result(FlinkRuntime runtime, JarSummary jar, BuiltFor builtFor,
                                      List<FactoryReport> factories, List<Finding> findings, AnalysisPhases.Clock clock,
                                      long workerPeakRssKiB) {
        List<Finding> sorted = new ArrayList<>(FindingLimits.bounded(findings));
        sorted.sort(Comparator.comparing(Finding::severity));
        List<FactoryReport> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparing((FactoryReport f) -> !f.declared()).thenComparing(FactoryReport::className));
        // An error refuses the JAR, except one that makes a single pair unusable (FindingCode.refuses).
        boolean accepted = sorted.stream().noneMatch(FindingCode::refuses)
                && ordered.stream().anyMatch(f -> f.declared() && f.loaded());
        return new JarAnalysis(runtime.line(), runtime.release(), jar, builtFor, ordered, sorted, accepted,
                (System.nanoTime() - clock.startedNanos()) / 1_000_000, workerPeakRssKiB, clock.phases());
    }
}
