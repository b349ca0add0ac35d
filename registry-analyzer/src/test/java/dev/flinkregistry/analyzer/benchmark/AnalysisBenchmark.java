package dev.flinkregistry.analyzer.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analyzer.AnalyzerSettings;
import dev.flinkregistry.analyzer.FactoryReport;
import dev.flinkregistry.analyzer.Isolation;
import dev.flinkregistry.analyzer.IsolationCost;
import dev.flinkregistry.analyzer.IsolationStatus;
import dev.flinkregistry.analyzer.JarAnalysis;
import dev.flinkregistry.analyzer.JarAnalyzer;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed of a whole analysis (archive checks, class scan, sandboxed worker) of
 * flink-sql-connector-kafka 4.0.1-2.0 for Flink 2.2, in each isolation mechanism that works here,
 * against the floor: a bare JVM loading the same factories in-process on the same class path,
 * measured in the same run. Twice: with a worker started on demand (no warm workers), and with a
 * warm worker waiting, as a server has one between analyses (the benchmark waits until the pool
 * has replaced the worker before it times the next analysis or floor run, so neither competes with
 * a worker starting). Then what isolation itself costs, a sandboxed {@code java -version} against a
 * plain one. Prints figures; asserts only that both did their work. Run with:
 * {@code mvn -pl registry-analyzer test -Dtest=AnalysisBenchmark -Dexcluded.test.groups=none}
 */
@Tag("benchmark")
class AnalysisBenchmark {

    private static final int RUNS = 10;
    private static final int VERSION_RUNS = 20;
    private static final String KAFKA = "central/flink-sql-connector-kafka-4.0.1-2.0.jar";
    private static final Path WORK = Path.of("target", "benchmark-work").toAbsolutePath();

    @Test
    void analysisOfKafkaConnectorAgainstBareJvmFloor() throws Exception {
        Path jar = Path.of(System.getProperty("test.jars.dir"), KAFKA);
        for (Isolation mechanism : List.of(Isolation.BUBBLEWRAP, Isolation.UNSHARE)) {
            for (int warmWorkers : new int[] {0, 1}) {
                // The worker runs on this JVM's Java, like the floor, so the two are comparable.
                try (JarAnalyzer analyzer = new JarAnalyzer(AnalyzerSettings.defaults().withWorkDirectory(WORK)
                        .withWorkerJavaHome(Path.of(System.getProperty("java.home"))).withIsolation(mechanism)
                        .withWarmWorkers(warmWorkers))) {
                    IsolationStatus status = analyzer.isolation();
                    if (!status.available()) {
                        System.out.printf("%nBENCHMARK %s: not available here (%s)%n", mechanism, status.reason());
                        break;
                    }
                    measure(analyzer, jar, mechanism, warmWorkers);
                    if (warmWorkers > 0) {
                        idleCost(analyzer);
                    }
                }
            }
        }
        System.out.printf("BENCHMARK isolation's own cost: java -version, median of %d runs, taking turns%n",
                VERSION_RUNS);
        Map<Isolation, List<Long>> versions = IsolationCost.javaVersion(
                List.of(Isolation.NONE, Isolation.BUBBLEWRAP, Isolation.UNSHARE), WORK, VERSION_RUNS);
        double plain = median(versions.get(Isolation.NONE));
        versions.forEach((mechanism, nanos) -> System.out.printf("  %-10s %.1f ms (%+.1f ms)%n",
                mechanism == Isolation.NONE ? "plain" : mechanism, median(nanos), median(nanos) - plain));
        System.out.println();
    }

    private static void measure(JarAnalyzer analyzer, Path jar, Isolation mechanism, int warmWorkers)
            throws Exception {
        JarAnalysis warmUp = analyzer.analyze(jar, "2.2");
        assertThat(warmUp.accepted()).isTrue();
        List<String> factories = warmUp.factories().stream().map(FactoryReport::className).toList();
        List<String> classPath = new ArrayList<>();
        classPath.add(Path.of(FloorMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        analyzer.runtimes().get("2.2").workerLibrary().forEach(p -> classPath.add(p.toString()));
        classPath.add(jar.toString());
        runFloor(classPath, factories);

        List<Long> analysis = new ArrayList<>();
        List<Long> floor = new ArrayList<>();
        long peakRss = 0;
        for (int i = 0; i < RUNS; i++) {
            assertThat(analyzer.awaitWarmWorkers(Duration.ofSeconds(60))).isTrue();
            long started = System.nanoTime();
            JarAnalysis result = analyzer.analyze(jar, "2.2");
            analysis.add(System.nanoTime() - started);
            assertThat(result.loadedFactories()).hasSize(2);
            peakRss = Math.max(peakRss, result.workerPeakRssKiB());
            assertThat(analyzer.awaitWarmWorkers(Duration.ofSeconds(60))).isTrue();
            started = System.nanoTime();
            runFloor(classPath, factories);
            floor.add(System.nanoTime() - started);
        }
        double analysisMs = median(analysis);
        double floorMs = median(floor);
        System.out.printf("%nBENCHMARK analysis of %s for Flink 2.2, isolated by %s, %s (%d runs)%n",
                jar.getFileName(), mechanism, warmWorkers == 0 ? "worker started on demand"
                        : "a warm worker waiting", RUNS);
        System.out.printf("  analysis, sandbox included: median %.0f ms%n", analysisMs);
        System.out.printf("  floor, bare java loading the same factories: median %.0f ms%n", floorMs);
        System.out.printf("  ratio analysis/floor: %.2fx (target %s)%n", analysisMs / floorMs,
                warmWorkers == 0 ? "<= 1.5x" : "<= 0.8x");
        System.out.printf("  worker peak resident memory: %.1f MiB%n", peakRss / 1024.0);
    }

    /** What the waiting workers cost while nothing happens: their CPU time over a quiet while. */
    private static void idleCost(JarAnalyzer analyzer) throws Exception {
        assertThat(analyzer.awaitWarmWorkers(Duration.ofSeconds(60))).isTrue();
        Thread.sleep(1000);
        List<ProcessHandle> workers = ProcessHandle.current().descendants().toList();
        long before = cpuMillis(workers);
        long quiet = 10_000;
        Thread.sleep(quiet);
        long after = cpuMillis(workers);
        System.out.printf("  idle: %d processes of the waiting workers and their sandboxes used %d ms of CPU in %d s%n",
                workers.size(), after - before, quiet / 1000);
    }

    private static long cpuMillis(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
    }

    private static void runFloor(List<String> classPath, List<String> factories) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), FloorMain.class.getName()));
        command.addAll(factories);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("kafka");
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double value = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
        return value / 1_000_000.0;
    }
}
