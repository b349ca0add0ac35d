package dev.flinkregistry.analyzer;

import static dev.flinkregistry.analyzer.Reports.codes;
import static dev.flinkregistry.analyzer.SharedAnalyzer.FLINK_1;
import static dev.flinkregistry.testsupport.TestJars.hostile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.testsupport.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation NONE, an operator's explicit opt-out: analyses run, the status says they are not
 * isolated, and the worker still gets a private copy of the JAR and a private report channel.
 * (Only harmless hostile JARs run here: without isolation the others would reach this machine.)
 */
class UnisolatedAnalysisTest {

    private static final JarAnalyzer UNISOLATED = SharedAnalyzer.analyzer(settings -> settings.withIsolation(Isolation.NONE));

    @Test
    void saysItIsNotIsolatedAndWhy() {
        IsolationStatus status = UNISOLATED.isolation();

        assertThat(status.available()).isTrue();
        assertThat(status.isolated()).isFalse();
        assertThat(status.mechanism()).isEqualTo(Isolation.NONE);
        assertThat(status.reason()).contains("Not isolated", "trusted JARs");
    }

    @Test
    void analysesAsBeforeWithoutIsolation() throws Exception {
        JarAnalysis analysis = UNISOLATED.analyze(TestJars.sample("sample-sequence-source"), FLINK_1);

        assertThat(analysis.accepted()).isTrue();
        assertThat(Reports.factory(analysis, "sequence").capabilities()).containsExactly("source", "lookup");
    }

    @Test
    void givesTheWorkerAPrivateCopyOfTheJar(@TempDir Path directory) throws Exception {
        Path jar = Files.copy(hostile("modify-own-jar"), directory.resolve("upload.jar"));
        String before = ArchiveScanner.sha256(jar);

        JarAnalysis analysis = UNISOLATED.analyze(jar, FLINK_1);

        assertThat(HostileJarsAnalysisTest.loot(analysis, "hostile-modify-own-jar"))
                .as("the copy is the worker's to spoil").contains("delete ").doesNotContain(jar.toString());
        assertThat(ArchiveScanner.sha256(jar)).isEqualTo(before);
    }

    @Test
    void stillIgnoresAReportForgedOnStdoutAndStderr() throws Exception {
        JarAnalysis analysis = UNISOLATED.analyze(hostile("forge-events"), FLINK_1);

        assertThat(analysis.loadedFactories()).isEmpty();
        assertThat(codes(analysis)).containsExactlyInAnyOrder("WORKER_EXITED", "NO_LOADABLE_FACTORY");
    }
}
