package dev.flinkregistry.analyzer.cli;

import static dev.flinkregistry.testsupport.TestJars.broken;
import static dev.flinkregistry.testsupport.TestJars.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code fcr-analyze} command: its report, its JSON, and its exit status.
 *
 * <p>Bad inputs tried: a broken JAR, an unsupported Flink version, a file that does not exist,
 * an unknown option, an unknown isolation, and no JAR at all.
 */
class AnalyzeCommandTest {

    /** What one run of the command printed and returned. */
    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new AnalyzeCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int status = command.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void printsTheOptionsTableOfAnAcceptedJarAndExitsZero() {
        Run run = run("--flink", "1.20", sample("sample-sequence-source").toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("sample-sequence-source.jar for Flink 1.20", "ACCEPTED", "'sequence'",
                "families: table-connector; capabilities: source, lookup");
        assertThat(run.out()).containsPattern("Key\\s+Type\\s+Default\\s+Required\\s+Description");
        assertThat(run.out()).containsPattern("number-of-rows\\s+Long\\s+\\(none\\)\\s+yes\\s+Number of rows");
        assertThat(run.out()).containsPattern("name-prefix\\s+String\\s+row-\\s+no\\s+Prefix");
        assertThat(run.out()).doesNotContain("Findings");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aLongDescriptionIsShortenedButNeverTheOptionsOtherKeysOrValues() {
        Run run = run("--flink", "1.20", sample("sample-row-file-sink").toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("field-delimiter\\s+String\\s+,\\s+no\\s+String written.*… "
                + "Fallback keys: delimiter\\. Deprecated keys: separator\\.");
        assertThat(run.out()).contains("Values: LF, CRLF.");
    }

    @Test
    void reportsTheFindingsOfARefusedJarAndExitsOne() {
        Run run = run(broken("missing-class").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("missing-class.jar for Flink 1.20", "REFUSED", "Findings",
                "ERROR FACTORY_CLASS_MISSING", "ERROR NO_LOADABLE_FACTORY");
    }

    @Test
    void printsTheAnalysisAsJson() {
        Run run = run("--json", "--flink", "2.2", sample("sample-row-file-sink").toString());

        assertThat(run.status()).isZero();
        JsonNode analysis = JsonMapper.builder().build().readTree(run.out());
        assertThat(analysis.get("accepted").asBoolean()).isTrue();
        assertThat(analysis.get("flinkVersion").asString()).isEqualTo("2.2");
        assertThat(analysis.get("jar").get("fileName").asString()).isEqualTo("sample-row-file-sink.jar");
        JsonNode factory = analysis.get("factories").get(0);
        assertThat(factory.get("identifier").asString()).isEqualTo("row-file");
        assertThat(factory.get("options")).extracting(option -> option.get("key").asString())
                .contains("path", "sink.flush-interval");
        assertThat(analysis.get("findings").isArray()).isTrue();
    }

    @Test
    void refusesAnUnsupportedFlinkVersionWithExitTwo() {
        Run run = run("--flink", "1.18", sample("sample-sequence-source").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Unsupported Flink version 1.18", "1.20", "2.2");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void reportsAMissingFileWithExitThree(@TempDir Path dir) {
        Path missing = dir.resolve("missing.jar");

        Run run = run(missing.toString());

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err()).contains(missing + ": no such file");
    }

    @Test
    void aMissingFileWinsOverAnAcceptedOneButBothAreReported(@TempDir Path dir) {
        Run run = run(sample("sample-psv-format").toString(), dir.resolve("gone.jar").toString());

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.out()).contains("sample-psv-format.jar for Flink 1.20", "ACCEPTED");
        assertThat(run.err()).contains("gone.jar: no such file");
    }

    @Test
    void treatsAnUnknownOptionOrNoJarAsBadUsage() {
        assertThat(run("--no-such-option", sample("sample-psv-format").toString()).status()).isEqualTo(2);
        Run noJar = run("--flink", "1.20");
        assertThat(noJar.status()).isEqualTo(2);
        assertThat(noJar.err()).contains("JAR");
    }

    @Test
    void runsUnisolatedOnlyWhenAskedAndWarnsAboutIt() {
        Run run = run("--isolation", "none", sample("sample-psv-format").toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("ACCEPTED");
        assertThat(run.err()).contains("Warning: Not isolated", "trusted JARs");
    }

    @Test
    void treatsAnUnknownIsolationAsBadUsage() {
        Run run = run("--isolation", "chroot", sample("sample-psv-format").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("'chroot' is not one of auto, bubblewrap, unshare, none");
    }

    @Test
    void treatsANonPositiveTimeoutAsBadUsage() {
        Run run = run("--timeout", "0s", sample("sample-psv-format").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("REFUSED");
    }

    @Test
    void treatsAnUnparsableTimeoutAsBadUsage() {
        Run run = run("--timeout", "soon", sample("sample-psv-format").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--timeout").doesNotContain("NumberFormatException");
    }
}
