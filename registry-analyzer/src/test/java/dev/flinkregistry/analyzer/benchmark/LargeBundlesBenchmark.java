package dev.flinkregistry.analyzer.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analyzer.AnalysisPhases;
import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.JarAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed of analysing the largest real bundles of the differential corpus (target/test-jars/central:
 * Paimon, Hive, Iceberg, Elasticsearch, the Confluent Avro format, MySQL CDC), each on the Flink line
 * it is built for, with the per-phase breakdown (archive, class headers and references, checks,
 * worker, waiting for the worker), against a floor measured in the same run: inflating every entry
 * of the same JAR once, which any analysis that reads the classes must at least do. Then the whole
 * corpus, every JAR on both lines, in total. Warm workers wait between analyses, as in a server.
 * Prints figures; asserts only that each analysis did its work. Run with:
 * {@code mvn -pl registry-analyzer test -Dtest=LargeBundlesBenchmark -Dexcluded.test.groups=none}
 */
@Tag("benchmark")
class LargeBundlesBenchmark {

    private static final int RUNS = 3;
    private static final long LARGE_BYTES = 20L << 20;
    private static final Path WORK = Path.of("target", "benchmark-work").toAbsolutePath();

    @Test
    void largestBundlesAndTheWholeCorpus() throws Exception {
        Path central = Path.of(System.getProperty("test.jars.dir"), "central");
        List<Path> corpus;
        try (Stream<Path> jars = Files.list(central)) {
            corpus = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        try (JarAnalyzer analyzer = new JarAnalyzer(AnalyzerSettings.defaults().withWorkDirectory(WORK))) {
            assertThat(analyzer.isolation().available()).isTrue();
            analyzer.prestart();
            List<Path> large = corpus.stream().filter(p -> size(p) >= LARGE_BYTES)
                    .sorted(Comparator.comparingLong(LargeBundlesBenchmark::size).reversed()).toList();
            System.out.printf("%nBENCHMARK large bundles, median of %d runs each (isolated by %s)%n", RUNS,
                    analyzer.isolation().mechanism());
            System.out.printf("  %-50s %6s %7s %8s %7s | %7s %7s %7s %7s %7s | %7s %6s%n", "JAR", "MB",
                    "classes", "analysis", "floor", "archive", "classes", "checks", "worker", "wait", "ratio",
                    "target");
            for (Path jar : large) {
                String line = lineOf(analyzer.analyze(jar, "1.20"));
                List<JarAnalysis> runs = new ArrayList<>();
                List<Long> floors = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    assertThat(analyzer.awaitWarmWorkers(Duration.ofSeconds(60))).isTrue();
                    JarAnalysis analysis = analyzer.analyze(jar, line);
                    assertThat(analysis.jar().classes()).isPositive();
                    runs.add(analysis);
                    floors.add(floorMillis(jar));
                }
                runs.sort(Comparator.comparingLong(JarAnalysis::durationMillis));
                JarAnalysis median = runs.get(RUNS / 2);
                long floor = floors.stream().sorted().toList().get(RUNS / 2);
                AnalysisPhases phases = median.phases();
                System.out.printf("  %-50s %6.1f %7d %6d ms %4d ms | %7d %7d %7d %7d %7d | %6.2fx %6s%n",
                        jar.getFileName() + " (" + line + ")", size(jar) / 1048576.0, median.jar().classes(),
                        median.durationMillis(), floor, phases.archiveMillis(), phases.classesMillis(),
                        phases.checksMillis(), phases.workerMillis(), phases.workerWaitMillis(),
                        (double) median.durationMillis() / floor, median.durationMillis() <= 1500 ? "ok" : "MISSED");
            }
            long started = System.nanoTime();
            int analyses = 0;
            for (Path jar : corpus) {
                for (String line : List.of("1.20", "2.2")) {
                    assertThat(analyzer.analyze(jar, line).jar()).isNotNull();
                    analyses++;
                }
            }
            System.out.printf("BENCHMARK whole corpus: %d JARs on both Flink lines, %d analyses back to back: %.1f s%n%n",
                    corpus.size(), analyses, (System.nanoTime() - started) / 1e9);
        }
    }

    /** The supported Flink line of the major the JAR is built for (as the analysis found), else 1.20. */
    private static String lineOf(JarAnalysis analysis) {
        String builtFor = analysis.builtFor() == null ? null : analysis.builtFor().flinkVersion();
        return builtFor != null && builtFor.startsWith("2.") ? "2.2" : "1.20";
    }

    /** Inflating every entry of the JAR once: what reading all its classes costs at least. */
    private static long floorMillis(Path jar) throws IOException {
        long started = System.nanoTime();
        byte[] buffer = new byte[1 << 16];
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                try (InputStream in = zip.getInputStream(entries.nextElement())) {
                    while (in.read(buffer) > 0) {
                        // Only the inflating counts.
                    }
                }
            }
        }
        return Math.max(1, (System.nanoTime() - started) / 1_000_000);
    }

    private static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
