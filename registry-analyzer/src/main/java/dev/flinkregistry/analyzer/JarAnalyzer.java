package dev.flinkregistry.analyzer;

import dev.flinkregistry.analyzer.worker.JavaReleases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * and loads its factories in the sandbox, all without running the JAR's code in this JVM.
 * Thread-safe; one instance serves any number of analyses.
 */
public final class JarAnalyzer {

    private final AnalyzerSettings settings;
    private final FlinkRuntimes runtimes;
    private final ArchiveScanner archives;
    private final ClassScanner classScanner;
    private final FactoryLoader loader;

    public JarAnalyzer(AnalyzerSettings settings) {
        this(settings, FlinkRuntimes.load(settings.workDirectory()));
    }

    public JarAnalyzer(AnalyzerSettings settings, FlinkRuntimes runtimes) {
        this.settings = settings;
        this.runtimes = runtimes;
        this.archives = new ArchiveScanner(settings);
        this.classScanner = new ClassScanner(settings);
        this.loader = new FactoryLoader(new Sandbox(settings), settings);
    }

    public FlinkRuntimes runtimes() {
        return runtimes;
    }

    public AnalyzerSettings settings() {
        return settings;
    }

    /**
     * Analyses the JAR for the engine line (e.g. {@code 1.20}). Bad archives are findings, not
     * exceptions; an {@link IOException} means the file itself could not be read.
     *
     * @throws UnsupportedFlinkVersionException for a line the analyzer does not support
     */
    public JarAnalysis analyze(Path jar, String flinkLine) throws IOException {
        return analyze(jar, flinkLine, null);
    }

    /**
     * Like {@link #analyze(Path, String)}, for a caller that already hashed the file while receiving
     * it: {@code sha256} is trusted, which spares reading a large JAR a second time.
     */
    public JarAnalysis analyze(Path jar, String flinkLine, String sha256) throws IOException {
        long started = System.nanoTime();
        FlinkRuntime runtime = runtimes.get(flinkLine);
        try (OpenedArchive archive = archives.open(jar, sha256)) {
            String fileName = jar.getFileName().toString();
            if (!archive.readable()) {
                JarSummary summary = archive.zip() == null ? new JarSummary(fileName, archive.sizeBytes,
                        archive.sha256, 0, 0, 0, null) : summary(fileName, archive, null);
                return result(runtime, summary, BuiltFor.unknown(), List.of(), archive.findings(), started, -1);
            }
            // The worker starts at once and runs while the classes are scanned.
            List<String> declared = List.copyOf(archive.declaredFactories);
            CompletableFuture<FactoryLoader.Loaded> loading = declared.isEmpty()
                    ? CompletableFuture.completedFuture(new FactoryLoader.Loaded(List.of(), -1))
                    : CompletableFuture.supplyAsync(() -> load(runtime, jar, declared, List.of()));
            ClassScanner.Contents contents = classScanner.scan(archive);
            if (contents.inflationExceeded != null) {
                loading.join();
                return result(runtime, summary(fileName, archive, contents), BuiltFor.unknown(),
                        List.of(), List.of(contents.inflationExceeded), started, -1);
            }
            FactoryHierarchy hierarchy = new FactoryHierarchy(contents.classes);
            List<String> undeclared = hierarchy.undeclaredFactories(declared);
            FactoryLoader.Loaded loaded = join(loading);
            List<FactoryReport> factories = new ArrayList<>(loaded.reports());
            long peakRss = loaded.peakRssKiB();
            if (!undeclared.isEmpty()) {
                FactoryLoader.Loaded extra = load(runtime, jar, List.of(), undeclared);
                factories.addAll(extra.reports());
                peakRss = Math.max(peakRss, extra.peakRssKiB());
            }
            // The Java limit first: a factory it fails needs no look at its bytecode for lookup.
            factories = withLookup(withinJavaLimit(factories, contents, runtime), hierarchy, archive);
            BuiltFor builtFor = BuiltForDetector.detect(contents, runtimesByLine());
            List<Finding> findings = new ArrayList<>(FactoryChecks.check(factories, runtime, !declared.isEmpty()));
            findings.addAll(PackagingChecks.check(contents, runtime, runtimesByLine().values(), builtFor,
                    archive.legacyServices));
            return result(runtime, summary(fileName, archive, contents), builtFor, factories, findings, started,
                    peakRss);
        }
    }

    private FactoryLoader.Loaded load(FlinkRuntime runtime, Path jar, List<String> declared, List<String> undeclared) {
        try {
            return loader.load(runtime, jar, declared, undeclared);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FactoryLoader.Loaded join(CompletableFuture<FactoryLoader.Loaded> loading) throws IOException {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
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
                                      List<FactoryReport> factories, List<Finding> findings, long started,
                                      long workerPeakRssKiB) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::severity));
        List<FactoryReport> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparing((FactoryReport f) -> !f.declared()).thenComparing(FactoryReport::className));
        boolean accepted = sorted.stream().noneMatch(f -> f.severity() == Severity.ERROR)
                && ordered.stream().anyMatch(f -> f.declared() && f.loaded());
        return new JarAnalysis(runtime.line(), runtime.release(), jar, builtFor, ordered, sorted, accepted,
                (System.nanoTime() - started) / 1_000_000, workerPeakRssKiB);
    }
}
