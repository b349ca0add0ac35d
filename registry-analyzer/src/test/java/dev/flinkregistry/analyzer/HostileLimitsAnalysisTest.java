package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.Reports.finding;
import static dev.flinkregistry.analyzer.TestJarBuilder.jar;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.analyzer.SharedAnalyzer.analyzer;
import static dev.flinkregistry.testsupport.TestJars.hostile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs built to cost the analyzer time, memory or answer size get a quick, small answer: a
 * services file of 140,000 names or one 5 MiB name, hundreds of missing classes, a factory that
 * burns CPU on every core.
 */
class HostileLimitsAnalysisTest {

    static Stream<Isolation> mechanisms() {
        return Isolations.mechanisms();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void stopsAFactoryThatBurnsCpuAtTheCpuTimeLimit(Isolation mechanism) throws Exception {
        JarAnalyzer analyzer = Isolations.analyzer(mechanism, settings -> settings
                .withWorkerTimeout(Duration.ofSeconds(60)).withWorkerCpuTime(Duration.ofSeconds(2)));
        long started = System.nanoTime();

        JarAnalysis analysis = analyzer.analyze(hostile("burn-cpu"), FLINK_1);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(codes(analysis)).containsExactlyInAnyOrder("WORKER_TIMEOUT", "NO_LOADABLE_FACTORY");
        assertThat(finding(analysis, "WORKER_TIMEOUT").message()).contains("CPU-time limit of 2 s");
        assertThat(took).as("stopped by its CPU time, long before the wall-clock limit").isLessThan(
                Duration.ofSeconds(20));
    }

    @Test
    void refusesAServicesFileOfOne5MibNameWithoutLoadingIt() throws Exception {
        JarAnalysis analysis = analyzer().analyze(hostile("long-services-line"), FLINK_1);

        assertThat(codes(analysis)).containsExactly("SERVICES_FILE_TOO_LARGE");
        assertThat(finding(analysis, "SERVICES_FILE_TOO_LARGE").message()).contains("larger than 1 MiB");
        assertThat(analysis.factories()).as("no worker ran").isEmpty();
        assertThat(analysis.durationMillis()).isLessThan(3_000);
    }

    @Test
    void refuses140000ServiceNamesQuicklyWithoutSlowingAnotherAnalysis() throws Exception {
        Path ordinary = TestJars.sample("sample-row-file-sink");
        analyzer().analyze(ordinary, FLINK_1);
        long alone = millis(() -> analyzer().analyze(ordinary, FLINK_1));

        CompletableFuture<Long> many = CompletableFuture.supplyAsync(() -> millis(() -> {
            JarAnalysis analysis = analyzer().analyze(hostile("many-service-names"), FLINK_1);
            assertThat(codes(analysis)).containsExactly("TOO_MANY_FACTORIES");
            assertThat(finding(analysis, "TOO_MANY_FACTORIES").message()).contains("140000 factory classes");
            assertThat(analysis.factories()).as("no worker ran").isEmpty();
        }));
        long beside = millis(() -> analyzer().analyze(ordinary, FLINK_1));

        long manyMillis = many.join();
        System.out.printf("140,000 service names: %d ms; an ordinary analysis alone %d ms, beside it %d ms%n",
                manyMillis, alone, beside);
        assertThat(manyMillis).isLessThan(3_000);
        assertThat(beside).as("the ordinary analysis beside it").isLessThan(Math.max(3 * alone, alone + 2_000));
    }

    @Test
    void answersHundredsOfMissingClassesWithFewFindings(@TempDir Path dir) throws Exception {
        List<String> missing = IntStream.range(0, 450).mapToObj(i -> "com.example.generated.MissingFactory" + i)
                .toList();
        Path jar = jar().services(missing.toArray(String[]::new)).writeTo(dir.resolve("missing.jar"));

        JarAnalysis analysis = analyzer().analyze(jar, FLINK_1);

        List<Finding> classMissing = analysis.findings("FACTORY_CLASS_MISSING");
        assertThat(classMissing).hasSize(FindingLimits.KEPT_PER_CODE + 1);
        assertThat(classMissing.get(FindingLimits.KEPT_PER_CODE).message()).startsWith("440 more FACTORY_CLASS_MISSING");
        assertThat(analysis.factories()).hasSize(450);
        int answer = WorkerEvents.MAPPER.writeValueAsString(analysis).length();
        System.out.printf("450 missing classes (%d bytes of services file): an answer of %d bytes%n",
                String.join("\n", missing).length(), answer);
        assertThat(answer).isLessThan(200_000);
    }

    private interface Analysis {
        void run() throws Exception;
    }

    private static long millis(Analysis analysis) {
        long started = System.nanoTime();
        try {
            analysis.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
