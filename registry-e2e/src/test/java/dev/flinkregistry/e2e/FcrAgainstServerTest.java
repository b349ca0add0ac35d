package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.client.cli.Fcr;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code fcr} command line against the real server: upload with a progress bar, show the
 * options table, list, versions, validate a SQL file (exit 1 when invalid), fetch the pipeline.jars
 * of a SQL file, delete. Refusals end with exit status 1 and the problem's code: a JAR whose
 * factory cannot load, showing a deleted connector.
 */
class FcrAgainstServerTest {

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    @TempDir
    Path temp;

    /** One run of fcr, with what it printed. */
    record Run(int exitCode, String out, String err) {}

    private Run fcr(String workspace, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", registry.server().baseUrl(), "--workspace", workspace,
                "--token", registry.server().adminToken(),
                "--cache-dir", temp.resolve("cache").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Fcr.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void uploadsShowsListsValidatesFetchesAndDeletes() throws IOException {
        String workspace = registry.server().newWorkspace("cli");

        Run upload = fcr(workspace, "upload", "sequence", TestJars.sequenceV1().toString());
        Run sink = fcr(workspace, "upload", "row-file", TestJars.rowFileSink().toString());
        Run update = fcr(workspace, "update", "sequence", TestJars.sequenceV2().toString());
        Run show = fcr(workspace, "show", "sequence");
        Run list = fcr(workspace, "list");
        Run versions = fcr(workspace, "versions", "sequence");

        assertThat(upload.exitCode()).as(upload.err()).isZero();
        assertThat(upload.err()).contains("sample-sequence-source.jar [", "100%");
        assertThat(upload.out()).contains("sequence version 1 (created, now current)", "+ table-connector 'sequence'");
        assertThat(sink.exitCode()).as(sink.err()).isZero();
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(update.out()).contains("sequence version 2 (created, now current)", "+ option sequence.step");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("sequence version 2 (current)", "'sequence'  table-connector",
                "KEY", "TYPE", "DEFAULT", "REQUIRED", "DESCRIPTION");
        assertThat(show.out().lines()).anySatisfy(line ->
                assertThat(line).contains("number-of-rows").contains("Long").contains("(none)").contains("yes"));
        assertThat(show.out().lines()).anySatisfy(line ->
                assertThat(line).contains("step").contains("Long").contains("1").contains("no"));
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("row-file", "sequence", "2 of 2");
        assertThat(versions.out().lines()).hasSize(3);

        Run diff = fcr(workspace, "diff", "sequence", "1", "2");
        Run rollBack = fcr(workspace, "current", "sequence", "1");
        Path resolveSql = Files.writeString(temp.resolve("resolve.sql"),
                "CREATE TABLE src (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '5');");
        Run resolve = fcr(workspace, "resolve", resolveSql.toString(), "--job-id", "cli-job");
        Run rollForward = fcr(workspace, "current", "sequence", "2");
        Run leasedDelete = fcr(workspace, "delete", "sequence", "--version", "1");

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("sequence 1 → 2", "+ option sequence.step");
        assertThat(rollBack.out()).contains("sequence: current version is now 1");
        assertThat(resolve.exitCode()).as(resolve.err()).isZero();
        assertThat(resolve.out()).contains("IDENTIFIER", "sequence", "table-connector", "leased for job cli-job");
        assertThat(rollForward.exitCode()).isZero();
        assertThat(leasedDelete.exitCode()).isEqualTo(1);
        assertThat(leasedDelete.err()).contains("VERSION_LEASED", "cli-job");
        registry.server().client(workspace, temp.resolve("cache")).releaseLease("cli-job");

        Path invalid = Files.writeString(temp.resolve("invalid.sql"),
                "CREATE TABLE src (id BIGINT) WITH ('connector' = 'sequence', 'number-of-row' = '5');");
        Path job = Files.writeString(temp.resolve("job.sql"), """
                CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
                CREATE TABLE snk (id BIGINT, name STRING) WITH ('connector' = 'row-file', 'path' = '/tmp/out.txt');
                INSERT INTO snk SELECT * FROM src;""");
        Run invalidRun = fcr(workspace, "validate", invalid.toString());
        Run validRun = fcr(workspace, "validate", job.toString());
        Run fetch = fcr(workspace, "fetch", job.toString(), "--print", "pipeline_jars");

        assertThat(invalidRun.exitCode()).isEqualTo(1);
        assertThat(invalidRun.out()).contains("table src (line 1): INVALID", "UNKNOWN_OPTION number-of-row");
        assertThat(validRun.exitCode()).as(validRun.out()).isZero();
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        String[] urls = fetch.out().strip().split(";");
        assertThat(urls).hasSize(2).allSatisfy(url -> {
            assertThat(url).startsWith(temp.resolve("cache").toUri().toString());
            assertThat(Path.of(java.net.URI.create(url))).isRegularFile();
        });

        Run deleteOld = fcr(workspace, "delete", "sequence", "--version", "1");
        Run deleteAll = fcr(workspace, "delete", "sequence");
        Run showDeleted = fcr(workspace, "show", "sequence");

        assertThat(deleteOld.exitCode()).as(deleteOld.err()).isZero();
        assertThat(deleteAll.exitCode()).as(deleteAll.err()).isZero();
        assertThat(showDeleted.exitCode()).isEqualTo(1);
        assertThat(showDeleted.err()).contains("CONNECTOR_NOT_FOUND");
    }

    @Test
    void exitsWithOneAndTheCodeWhenTheRegistryRefusesAJar() {
        String workspace = registry.server().newWorkspace("cli-refused");

        Run run = fcr(workspace, "upload", "boom", TestJars.staticInitThrows().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ANALYSIS_REFUSED", "422");
    }
}
