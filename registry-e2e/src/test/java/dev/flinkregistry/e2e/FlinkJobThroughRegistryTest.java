package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.client.ConflictException;
import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.job.JobJars;
import dev.flinkregistry.client.job.JobSubmission;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.client.model.VersionDiff;
import dev.flinkregistry.testsupport.FlinkSql;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end proof: real Flink 1.20 SQL jobs in local execution whose connector JARs come only
 * from the registry (the sample classes are not on the test class path), and DESIGN rule 5,
 * "updates reach a job only when it restarts". Scenarios: a job on the sample source and sink;
 * job A on version 1 while version 2 is registered (A's pinned URL still serves version 1's bytes,
 * version 1 cannot be deleted while A holds its lease, version 1 rejects v2's option {@code step});
 * the next submission of the same SQL gets version 2 and uses {@code step}; releasing A's lease
 * lets version 1 go.
 */
class FlinkJobThroughRegistryTest {

    private static final String SEQUENCE_FACTORY = "dev.flinkregistry.samples.sequence.SequenceDynamicTableFactory";
    private static final String ROW_FILE_FACTORY = "dev.flinkregistry.samples.rowfile.RowFileDynamicTableFactory";

    @TempDir
    static Path temp;

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private static String job(String source, String sink, Path output) {
        return "CREATE TABLE src (id BIGINT, name STRING) WITH (" + source + ");\n"
                + "CREATE TABLE snk (id BIGINT, name STRING) WITH ('connector' = 'row-file', 'path' = '"
                + output.toAbsolutePath() + "'" + sink + ");\n"
                + "INSERT INTO snk SELECT * FROM src;\n";
    }

    /** Runs the script's statements in a fresh Flink session holding exactly the job's JARs. */
    private static void run(JobJars jars, String script) {
        String[] statements = script.lines().filter(line -> !line.isBlank())
                .map(line -> line.strip().replaceAll(";$", "")).toArray(String[]::new);
        FlinkSql.create().run(jars.addJarStatements()).run(statements);
    }

    @Test
    void runsAFlinkSqlJobWhoseConnectorsComeOnlyFromTheRegistry() throws IOException {
        assertThatThrownBy(() -> Class.forName(SEQUENCE_FACTORY)).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName(ROW_FILE_FACTORY)).isInstanceOf(ClassNotFoundException.class);
        RegistryServerProcess server = registry.server();
        HttpRegistryClient client = ServerClients.of(server, server.newWorkspace("flink"), temp.resolve("cache-first"));
        String sequenceSha = client.register("sequence", TestJars.sequenceV1()).version().sha256();
        String rowFileSha = client.register("row-file", TestJars.rowFileSink()).version().sha256();
        Path output = temp.resolve("first/out.txt");
        String sql = job("'connector' = 'sequence', 'number-of-rows' = '5'", "", output);

        JobJars jars = new JobSubmission(client, "1.20").prepare(sql, "job-first", null);
        run(jars, sql);

        assertThat(jars.resolution().jars()).extracting(Resolution.Jar::sha256)
                .containsExactlyInAnyOrder(sequenceSha, rowFileSha);
        assertThat(jars.jars()).allSatisfy(path -> assertThat(path).startsWith(temp.resolve("cache-first")));
        assertThat(Files.readAllLines(output)).containsExactly("0,row-0", "1,row-1", "2,row-2", "3,row-3", "4,row-4");
        client.releaseLease("job-first");
    }

    @Test
    void aRunningJobKeepsItsVersionWhileTheNextSubmissionGetsTheUpdate() throws Exception {
        RegistryServerProcess server = registry.server();
        HttpRegistryClient client = ServerClients.of(server, server.newWorkspace("restart"),
                temp.resolve("cache-restart"));
        Version v1 = client.register("sequence", TestJars.sequenceV1()).version();
        client.register("row-file", TestJars.rowFileSink());
        String jobSql = job("'connector' = 'sequence', 'number-of-rows' = '5'", "", temp.resolve("a/out.txt"));
        JobSubmission submission = new JobSubmission(client, "1.20");

        // Job A is submitted on version 1 and runs.
        JobJars jobA = submission.prepare(jobSql, "job-a", null);
        run(jobA, jobSql);
        assertThat(Files.readAllLines(temp.resolve("a/out.txt"))).hasSize(5);

        // Version 2 adds the optional 'step' and becomes current.
        UploadResult v2 = client.update("sequence", TestJars.sequenceV2(), false);
        assertThat(v2.created()).isTrue();
        assertThat(v2.version().version()).isEqualTo(2);
        assertThat(v2.diff().breaking()).isFalse();
        assertThat(v2.diff().optionsAdded()).extracting(VersionDiff.OptionChange::key).contains("step");

        // A's pinned URL still serves version 1's bytes, e.g. for a JobManager failover that downloads again.
        String pinnedUrl = jobA.resolution().resolved().stream().filter(r -> r.identifier().equals("sequence"))
                .findFirst().orElseThrow().url();
        assertThat(TestJars.sha256(download(pinnedUrl))).isEqualTo(v1.sha256());

        // Version 1 cannot be deleted while A holds its lease.
        assertThatThrownBy(() -> client.deleteVersion("sequence", 1)).isInstanceOfSatisfying(ConflictException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("VERSION_LEASED");
                    assertThat(e.properties().get("jobs")).isEqualTo(List.of("job-a"));
                });

        // A's class path is version 1, which does not know 'step'.
        String withStep = job("'connector' = 'sequence', 'number-of-rows' = '5', 'step' = '10'", "",
                temp.resolve("b/out.txt"));
        assertThatThrownBy(() -> run(jobA, withStep)).hasStackTraceContaining("Unsupported options found for 'sequence'")
                .hasStackTraceContaining("step");

        // The next submission of the same SQL resolves version 2 and can use 'step'.
        JobJars jobB = submission.prepare(withStep, "job-b", null);
        assertThat(shaOf(jobB, "sequence")).isEqualTo(v2.version().sha256()).isNotEqualTo(v1.sha256());
        run(jobB, withStep);
        assertThat(Files.readAllLines(temp.resolve("b/out.txt")))
                .containsExactly("0,row-0", "10,row-10", "20,row-20", "30,row-30", "40,row-40");

        // Once A's lease is released, version 1 can go.
        client.releaseLease("job-a");
        client.deleteVersion("sequence", 1);
        assertThat(client.versions("sequence")).extracting(Version::version).containsExactly(2);
        client.releaseLease("job-b");
    }

    private static String shaOf(JobJars jars, String identifier) {
        return jars.resolution().resolved().stream().filter(r -> r.identifier().equals(identifier)).findFirst()
                .orElseThrow().sha256();
    }

    private static byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + registry.server().adminToken()).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(etag -> assertThat(etag).contains(
                TestJars.sha256(response.body())));
        return response.body();
    }
}
