package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.HostileJarsAnalysisTest.loot;
import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.testsupport.TestJars.hostile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing a JAR starts outlives its analysis (DESIGN rule 3), in each isolation mechanism: not a
 * child, not a double-forked grandchild, not after the time limit, not after the process that
 * analyses is killed with SIGKILL; and a fork bomb stops at the process limit. Each hostile process
 * is a JVM with {@link Survivors#MARKER} in its command line, and each test checks first that it ran.
 */
class HostileProcessesAnalysisTest {

    private static final Pattern COUNT = Pattern.compile("(threads|processes)=(\\d+)");

    static Stream<Isolation> mechanisms() {
        return Isolations.mechanisms();
    }

    @BeforeEach
    @AfterEach
    void noHostileProcessRuns() {
        assertThat(Survivors.find()).as("hostile processes from elsewhere would make these tests meaningless")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void aChildEndsWithTheAnalysis(Isolation mechanism) throws Exception {
        JarAnalysis analysis = Isolations.analyzer(mechanism).analyze(hostile("fork-child"), FLINK_1);

        assertThat(loot(analysis, "hostile-fork-child")).as("the child ran").contains("-> OK child", "ready");
        assertThat(Survivors.find()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void aDoubleForkedGrandchildEndsWithTheAnalysis(Isolation mechanism) throws Exception {
        JarAnalysis analysis = Isolations.analyzer(mechanism).analyze(hostile("double-fork"), FLINK_1);

        assertThat(loot(analysis, "hostile-double-fork")).as("the grandchild ran, its parent had exited")
                .contains("-> OK grandchild", "ready", "child exited with 0");
        assertThat(Survivors.find()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void aChildEndsWhenItsFactoryIsStoppedAtTheTimeLimit(Isolation mechanism) throws Exception {
        JarAnalyzer analyzer = Isolations.analyzer(mechanism, settings -> settings.withWorkerTimeout(Duration.ofSeconds(5)));

        JarAnalysis analysis = analyzer.analyze(hostile("fork-then-hang"), FLINK_1);

        assertThat(codes(analysis)).containsExactlyInAnyOrder("WORKER_TIMEOUT", "NO_LOADABLE_FACTORY");
        assertThat(Survivors.find()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void aChildEndsWhenTheProcessThatAnalysesIsKilled(Isolation mechanism) throws Exception {
        Isolations.analyzer(mechanism);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process analyzing = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AnalyzeInChild.class.getName(), mechanism.name(), SharedAnalyzer.workDirectory().toString(),
                hostile("fork-then-hang").toString(), FLINK_1).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Survivors.awaitSome(Duration.ofSeconds(60));
        } finally {
            analyzing.destroyForcibly();
        }
        Await.until("the analysing process ends", Duration.ofSeconds(10), () -> !analyzing.isAlive(),
                () -> "the analysing process lives on");
        Survivors.awaitNone();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void aForkBombStopsAtTheProcessLimitAndEndsWithTheAnalysis(Isolation mechanism) throws Exception {
        JarAnalyzer analyzer = Isolations.analyzer(mechanism, settings -> settings.withWorkerTimeout(Duration.ofSeconds(30)));

        JarAnalysis analysis = analyzer.analyze(hostile("fork-bomb"), FLINK_1);

        String loot = loot(analysis, "hostile-fork-bomb");
        System.out.printf("%s fork bomb: %s%n", mechanism, loot.strip().replace('\n', ';'));
        List<Integer> counts = COUNT.matcher(loot).results().map(m -> Integer.parseInt(m.group(2))).toList();
        assertThat(loot).as("the system refused a thread").containsPattern("threads=\\d+ then .*OutOfMemoryError");
        assertThat(counts).hasSize(2).allMatch(count -> count < WorkerLimits.PROCESSES);
        assertThat(Survivors.find()).isEmpty();
    }
}
