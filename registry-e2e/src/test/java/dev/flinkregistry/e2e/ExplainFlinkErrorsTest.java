package dev.flinkregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkregistry.client.HttpRegistryClient;
import dev.flinkregistry.client.cli.Fcr;
import dev.flinkregistry.client.model.Explanation;
import dev.flinkregistry.client.model.Version;
import dev.flinkregistry.testsupport.FlinkSql;
import dev.flinkregistry.testsupport.RegistryServerProcess;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code POST …/explain} on the error texts of real Flink 1.20 runs: each test makes a Flink SQL job
 * fail in local execution the way a platform sees it fail, sends the exception's whole stack trace
 * (as {@code printStackTrace} writes it) to the packaged server through the Java client or
 * {@code fcr explain}, and checks that the answer names the connector, the version and the fix.
 * Failures made: a connector whose JAR was not added, an option the added (older) version does not
 * declare next to a misspelt one, a format whose JAR was not added, a JAR holding only part of a
 * connector's classes, a JAR that declares one identifier twice, and two JARs (one registered) that
 * offer one identifier; after the first, the fix the
 * answer gives (download the pinned URL with a token, {@code ADD JAR} the file) makes the job run.
 */
class ExplainFlinkErrorsTest {

    private static final String SEQUENCE_SOURCE = "CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = "
            + "'sequence', 'number-of-rows' = '3'%s)";

    @TempDir
    static Path temp;

    @RegisterExtension
    static SharedRegistry registry = new SharedRegistry();

    private static String workspace;
    private static HttpRegistryClient client;
    private static Version sequenceV1;
    private static Version sequenceV2;
    private static Version psv;

    @BeforeAll
    static void registerConnectors() {
        RegistryServerProcess server = registry.server();
        workspace = server.newWorkspace("explain");
        client = ServerClients.of(server, workspace, temp.resolve("cache"));
        sequenceV1 = client.register("sequence", TestJars.sequenceV1()).version();
        sequenceV2 = client.update("sequence", TestJars.sequenceV2(), false).version();
        psv = client.register("psv", TestJars.psvFormat()).version();
        client.register("twins", TestJars.jar("broken-duplicate-and-other.jar"));
    }

    /** Runs the statements in a fresh Flink session and returns the failure's whole stack trace. */
    private static String failureOf(List<String> setup, String query) {
        FlinkSql flink = FlinkSql.create().run(setup);
        Throwable failure = null;
        try {
            flink.query(query);
        } catch (Exception | LinkageError e) {
            failure = e;
        }
        assertThat(failure).as("the query should fail: " + query).isNotNull();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static String addJar(Path jar) {
        return "ADD JAR '" + jar.toAbsolutePath() + "'";
    }

    private static Explanation.Problem only(Explanation explanation, String kind) {
        assertThat(explanation.problems()).as("problems of %s", explanation).extracting(Explanation.Problem::kind)
                .containsExactly(kind);
        return explanation.problems().get(0);
    }

    @Test
    void namesTheConnectorWhoseJarTheJobLackedAndItsFixRuns() throws Exception {
        String table = SEQUENCE_SOURCE.formatted("");
        String trace = failureOf(List.of(table), "SELECT id FROM src");
        assertThat(trace).contains("Could not find any factory for identifier 'sequence'");

        Explanation.Problem problem = only(client.explain(trace), "FACTORY_NOT_FOUND");

        assertThat(problem.identifier()).isEqualTo("sequence");
        assertThat(problem.family()).isEqualTo("table-connector");
        Explanation.Provider current = problem.providers().get(0);
        assertThat(current.connector()).isEqualTo("sequence");
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.current()).isTrue();
        assertThat(current.suitable()).isTrue();
        assertThat(current.sha256()).isEqualTo(sequenceV2.sha256());
        assertThat(problem.fix()).anySatisfy(line -> assertThat(line).startsWith("fcr fetch"))
                .anySatisfy(line -> assertThat(line).startsWith("curl").contains("'" + current.url() + "'"))
                .contains("ADD JAR '/path/to/sequence-2.jar';");

        // The fix as the answer words it: download the pinned URL with a token, ADD JAR the file; the same job runs.
        Path jar = temp.resolve("sequence-2.jar");
        HttpResponse<Path> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(current.url()))
                .header("Authorization", "Bearer " + registry.server().adminToken()).build(),
                HttpResponse.BodyHandlers.ofFile(jar));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(TestJars.sha256(jar)).isEqualTo(current.sha256());
        assertThat(FlinkSql.create().run(addJar(jar), table).queryLines("SELECT id FROM src"))
                .containsExactly("0", "1", "2");
    }

    @Test
    void saysWhichVersionDeclaresAnOptionTheOlderJarRefused() {
        Path v1 = client.fetch(sequenceV1.sha256());
        String trace = failureOf(List.of(addJar(v1), SEQUENCE_SOURCE.formatted(", 'step' = '10', 'name-prefx' = 'r'")),
                "SELECT id FROM src");
        assertThat(trace).contains("Unsupported options found for 'sequence'");

        Explanation.Problem problem = only(client.explain(trace), "UNSUPPORTED_OPTIONS");

        assertThat(problem.unsupportedOptions()).extracting(Explanation.UnsupportedOption::key)
                .containsExactly("name-prefx", "step");
        Explanation.UnsupportedOption misspelt = problem.unsupportedOptions().get(0);
        assertThat(misspelt.suggestion()).isEqualTo("name-prefix");
        Explanation.UnsupportedOption step = problem.unsupportedOptions().get(1);
        assertThat(step.declaredBy()).containsExactly("sequence 2 (current)");
        assertThat(problem.fix()).contains("Replace 'name-prefx' with 'name-prefix'.")
                .anySatisfy(line -> assertThat(line).startsWith("curl").contains(sequenceV2.sha256()));
    }

    @Test
    void namesTheFormatWhoseJarTheJobLacked() {
        Path data = temp.resolve("rows.psv");
        write(data, "1|one\n");
        String trace = failureOf(List.of("CREATE TABLE t (id BIGINT, name STRING) WITH ('connector' = 'filesystem', "
                + "'path' = '" + data.toAbsolutePath() + "', 'format' = 'psv')"), "SELECT * FROM t");
        assertThat(trace).contains("'psv'");

        Explanation explanation = client.explain(trace);

        Explanation.Problem problem = explanation.problems().stream()
                .filter(p -> p.kind().equals("FORMAT_FACTORY_NOT_FOUND")).findFirst().orElseThrow(
                        () -> new AssertionError(explanation + " for " + trace));
        assertThat(problem.identifier()).isEqualTo("psv");
        assertThat(problem.providers()).extracting(Explanation.Provider::connector).contains("psv");
        assertThat(problem.fix()).anySatisfy(line -> assertThat(line).contains(psv.sha256()));
    }

    @Test
    void findsTheRegisteredJarThatHoldsAClassMissingFromAPartialOne() throws IOException {
        Path partial = withoutEntry(TestJars.sequenceV2(), temp.resolve("sequence-partial.jar"),
                "dev/flinkregistry/samples/sequence/SequenceSplit.class");
        String trace = failureOf(List.of(addJar(partial), SEQUENCE_SOURCE.formatted("")), "SELECT id FROM src");
        assertThat(trace).containsAnyOf("NoClassDefFoundError", "ClassNotFoundException").contains("SequenceSplit");

        Explanation explanation = client.explain(trace);

        Explanation.Problem problem = explanation.problems().stream()
                .filter(p -> "dev.flinkregistry.samples.sequence.SequenceSplit".equals(p.className())).findFirst()
                .orElseThrow(() -> new AssertionError(explanation + " for " + trace));
        assertThat(problem.kind()).isEqualTo("CLASS_NOT_FOUND");
        assertThat(problem.providers()).extracting(Explanation.Provider::version).containsExactly(2, 1);
        assertThat(problem.fix()).anySatisfy(line -> assertThat(line).startsWith("curl").contains(sequenceV2.sha256()));
    }

    @Test
    void saysThatOneJarDeclaresAnIdentifierTwiceThroughFcr() throws IOException {
        String trace = failureOf(List.of(addJar(TestJars.jar("broken-duplicate-and-other.jar")),
                "CREATE TABLE t (id BIGINT) WITH ('connector' = 'twin')"), "SELECT * FROM t");
        assertThat(trace).contains("Multiple factories for identifier 'twin'");
        Path traceFile = temp.resolve("twin-trace.txt");
        write(traceFile, trace);

        CommandLine fcr = Fcr.commandLine(Map.of("HOME", temp.toString()));
        StringWriter out = new StringWriter();
        fcr.setOut(new PrintWriter(out));
        fcr.setErr(new PrintWriter(new StringWriter()));
        int exit = fcr.execute("explain", traceFile.toString(), "--server", registry.server().baseUrl(),
                "--workspace", workspace, "--token", registry.server().adminToken());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("MULTIPLE_FACTORIES 'twin' (table-connector)")
                .contains("Connector 'twins' version 1 declares 'twin'")
                .contains("TwinOneFactory").contains("TwinTwoFactory").contains("Fix:");
    }

    @Test
    void namesTheRegisteredJarToKeepWhenTwoJarsOfferOneIdentifier() throws IOException {
        Path source = TestJars.jar("broken-duplicate-and-other.jar");
        String services = "META-INF/services/org.apache.flink.table.factories.Factory";
        String twins = "dev/flinkregistry/samples/broken/duplicate/Twin";
        Path one = rewritten(source, temp.resolve("twin-one.jar"), name -> !name.startsWith(twins + "Two")
                && !name.contains("/skipped/"), services, "dev.flinkregistry.samples.broken.duplicate.TwinOneFactory\n");
        Path two = rewritten(source, temp.resolve("twin-two.jar"), name -> !name.startsWith(twins + "One")
                && !name.contains("/skipped/"), services, "dev.flinkregistry.samples.broken.duplicate.TwinTwoFactory\n");
        HttpRegistryClient other = ServerClients.of(registry.server(), registry.server().newWorkspace("explain-two"),
                temp.resolve("cache-two"));
        Version registered = other.register("twin-one", one).version();
        String trace = failureOf(List.of(addJar(one), addJar(two), "CREATE TABLE t (id BIGINT) WITH ('connector' = 'twin')"),
                "SELECT * FROM t");
        assertThat(trace).contains("Multiple factories for identifier 'twin'");

        Explanation.Problem problem = only(other.explain(trace), "MULTIPLE_FACTORIES");

        assertThat(problem.explanation()).contains("More than one JAR")
                .contains("TwinOneFactory (twin-one version 1 (current))")
                .contains("TwinTwoFactory (not registered in this workspace)");
        assertThat(problem.providers()).extracting(Explanation.Provider::sha256).containsExactly(registered.sha256());
        assertThat(problem.fix()).first().asString().contains("Keep only connector 'twin-one' version 1");
        assertThat(problem.fix()).anySatisfy(line -> assertThat(line).startsWith("curl").contains(registered.sha256()));
    }

    @Test
    void fcrExitsWithFiveWhenNothingIsRecognised() throws IOException {
        Path text = temp.resolve("not-a-flink-error.txt");
        write(text, "java.lang.IllegalStateException: the job was cancelled\n\tat com.example.Job.main(Job.java:1)\n");
        CommandLine fcr = Fcr.commandLine(Map.of("HOME", temp.toString()));
        StringWriter out = new StringWriter();
        fcr.setOut(new PrintWriter(out));

        int exit = fcr.execute("explain", text.toString(), "--json", "--server", registry.server().baseUrl(),
                "--workspace", workspace, "--token", registry.server().adminToken());

        assertThat(exit).isEqualTo(5);
        assertThat(out.toString()).containsPattern("\"problems\" ?: ?\\[ ?\\]").contains("No Flink factory");
        assertThatThrownBy(() -> Class.forName("dev.flinkregistry.samples.sequence.SequenceSplit"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the JAR with only the entries kept, and a services file of its own. */
    private static Path rewritten(Path source, Path target, java.util.function.Predicate<String> keep, String services,
                                  String servicesText) throws IOException {
        try (ZipFile zip = new ZipFile(source.toFile()); OutputStream file = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : zip.stream().toList()) {
                if (keep.test(e.getName()) && !e.getName().equals(services)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    zip.getInputStream(e).transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new ZipEntry(services));
            out.write(servicesText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return target;
    }

    /** A copy of the JAR without one entry: a connector packaged with a class missing. */
    private static Path withoutEntry(Path source, Path target, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(source.toFile()); OutputStream file = Files.newOutputStream(target);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : zip.stream().toList()) {
                if (!e.getName().equals(entry)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    zip.getInputStream(e).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }
}
