package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.analyzer.worker.WorkerMain;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Workers started ahead of time ({@link AnalyzerSettings#warmWorkers()}), in each isolation
 * mechanism: an analysis takes the waiting worker of its Flink version, which is then replaced;
 * each worker serves one analysis; the time limit runs from the task, not from the start; a waiting
 * worker that died is not used; closing the analyzer ends the waiting workers. Workers are found
 * as this JVM's descendant processes whose command line names the worker's main class and
 * {@link WorkerMain#WARM}.
 */
class WarmWorkersTest {

    private static final String KAFKA = "flink-sql-connector-kafka-4.0.1-2.0.jar";
    private static final Duration READY = Duration.ofSeconds(60);

    static Stream<Isolation> mechanisms() {
        return Isolations.mechanisms();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void anAnalysisTakesTheWaitingWorkerOfItsVersionWhichIsReplaced(Isolation mechanism) throws Exception {
        try (JarAnalyzer analyzer = Isolations.analyzer(mechanism, s -> s.withWarmWorkers(1))) {
            analyzer.prestart();
            assertThat(analyzer.awaitWarmWorkers(READY)).isTrue();
            List<ProcessHandle> before = analyzer.waitingWorkers();
            assertThat(before).as("one warm worker per Flink version").hasSize(2);

            JarAnalysis analysis = analyzer.analyze(TestJars.central(KAFKA), FLINK_2);

            assertThat(analysis.accepted()).isTrue();
            assertThat(analysis.loadedFactories()).extracting(FactoryReport::identifier)
                    .containsExactlyInAnyOrder("kafka", "upsert-kafka");
            assertThat(analyzer.awaitWarmWorkers(READY)).isTrue();
            List<ProcessHandle> after = analyzer.waitingWorkers();
            Set<Long> beforePids = pids(before);
            Set<Long> afterPids = pids(after);
            assertThat(afterPids).hasSize(2);
            Set<Long> stillWaiting = beforePids.stream().filter(afterPids::contains).collect(Collectors.toSet());
            assertThat(stillWaiting).as("the 1.20 worker still waits; the 2.2 one was used and replaced").hasSize(1);
            assertThat(before).filteredOn(p -> !stillWaiting.contains(p.pid()))
                    .as("the used worker ended: each sees one JAR").noneMatch(ProcessHandle::isAlive);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void theTimeLimitRunsFromTheTaskNotFromTheStart(Isolation mechanism) throws Exception {
        Duration limit = Duration.ofSeconds(2);
        try (JarAnalyzer analyzer = Isolations.analyzer(mechanism,
                s -> s.withWarmWorkers(1).withWorkerTimeout(limit))) {
            analyzer.prestart();
            assertThat(analyzer.awaitWarmWorkers(READY)).isTrue();
            List<ProcessHandle> waiting = analyzer.waitingWorkers();
            assertThat(waiting).hasSize(2);
            // Longer than the limit: a worker that counted its waiting time would be killed at once.
            Thread.sleep(limit.toMillis() + 1000);
            assertThat(waiting).allMatch(ProcessHandle::isAlive);

            JarAnalysis analysis = analyzer.analyze(TestJars.central(KAFKA), FLINK_2);

            assertThat(analysis.accepted()).as(String.valueOf(analysis.findings())).isTrue();
            assertThat(waiting.stream().filter(ProcessHandle::isAlive).count()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void aWaitingWorkerThatDiedIsNotUsed(Isolation mechanism) throws Exception {
        try (JarAnalyzer analyzer = Isolations.analyzer(mechanism, s -> s.withWarmWorkers(1))) {
            analyzer.prestart();
            assertThat(analyzer.awaitWarmWorkers(READY)).isTrue();
            List<ProcessHandle> waiting = analyzer.waitingWorkers();
            assertThat(waiting).hasSize(2);
            // Their JVMs die, as a crash or the kernel's OOM killer would end them.
            waiting.stream().flatMap(ProcessHandle::descendants).filter(WarmWorkersTest::isWorkerJvm)
                    .forEach(ProcessHandle::destroyForcibly);
            Await.until("the waiting workers end", Duration.ofSeconds(10), () -> waiting.stream().noneMatch(ProcessHandle::isAlive));

            JarAnalysis analysis = analyzer.analyze(TestJars.central(KAFKA), FLINK_2);

            assertThat(analysis.accepted()).as(String.valueOf(analysis.findings())).isTrue();
            assertThat(analysis.loadedFactories()).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void closingTheAnalyzerEndsTheWaitingWorkersAndLeavesNoScratch(Isolation mechanism) throws Exception {
        Isolations.closeAll();
        JarAnalyzer analyzer = Isolations.analyzer(mechanism, s -> s.withWarmWorkers(2));
        Set<Path> scratchBefore = runDirectories();
        analyzer.prestart();
        assertThat(analyzer.awaitWarmWorkers(READY)).isTrue();
        List<ProcessHandle> waiting = analyzer.waitingWorkers();
        assertThat(waiting).as("two per Flink version").hasSize(4);
        assertThat(waiting.stream().flatMap(ProcessHandle::descendants).filter(WarmWorkersTest::isWorkerJvm))
                .as("each a warm worker's JVM in its sandbox").hasSize(4);
        Set<Path> theirs = runDirectories();
        theirs.removeAll(scratchBefore);
        assertThat(theirs).as("each has its own run directory").hasSize(4);

        analyzer.close();

        assertThat(waiting).noneMatch(ProcessHandle::isAlive);
        assertThat(analyzer.waitingWorkers()).isEmpty();
        assertThat(runDirectories()).doesNotContainAnyElementsOf(theirs);
        // Closed, it still analyses, starting its worker on demand, and keeps none waiting.
        assertThat(analyzer.analyze(TestJars.central(KAFKA), FLINK_2).accepted()).isTrue();
        assertThat(analyzer.waitingWorkers()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mechanisms")
    void closingWhileWorkersAreStartingLeavesNoneRunningAndNoScratch(Isolation mechanism) throws Exception {
        // A work directory of its own: a run directory in it, or a sandbox naming it, is this analyzer's
        // (other analyzers of the test run share the usual one, and may keep or start workers meanwhile).
        // Beside the usual one, so that a worker's own user can reach it as it reaches that one.
        Path work = SharedAnalyzer.workDirectory().resolveSibling("analyzer-work-closing-" + mechanism);
        for (Path leftByAnEarlierRun : Files.isDirectory(work) ? runDirectories(work) : Set.<Path>of()) {
            ScratchDirectories.deleteRecursively(leftByAnEarlierRun);
        }
        JarAnalyzer analyzer = Isolations.analyzer(mechanism, s -> s.withWarmWorkers(2).withWorkDirectory(work));

        analyzer.prestart();
        Await.until("the pool starts a worker", READY, () -> !runDirectories(work).isEmpty(),
                () -> "no worker started");
        analyzer.close();

        // A server that stops right after it started: what its pool was starting must be gone, too.
        assertThat(runDirectories(work)).as("run directories left after close").isEmpty();
        assertThat(ProcessHandle.allProcesses().filter(process -> String.join(" ", commandLine(process))
                .contains(work.toString())).map(ProcessHandle::pid))
                .as("sandboxes left after close").isEmpty();
    }

    /** A warm worker's JVM: the sandbox's innermost process. */
    private static boolean isWorkerJvm(ProcessHandle process) {
        List<String> args = commandLine(process);
        return !args.isEmpty() && args.get(0).endsWith("/java") && args.contains(WorkerMain.class.getName())
                && args.get(args.size() - 1).equals(WorkerMain.WARM);
    }

    /** The process's command line, from procfs (ProcessHandle.Info leaves it out for some processes). */
    private static List<String> commandLine(ProcessHandle process) {
        try {
            String raw = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (java.io.IOException gone) {
            return List.of();
        }
    }

    private static Set<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static Set<Path> runDirectories() {
        return runDirectories(SharedAnalyzer.workDirectory());
    }

    private static Set<Path> runDirectories(Path workDirectory) {
        try (Stream<Path> children = Files.list(workDirectory)) {
            return children.filter(p -> p.getFileName().toString().startsWith("run-")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
