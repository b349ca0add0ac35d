package dev.flinkregistry.client.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What fcr shows of an analysis, against a WireMock registry whose answers are those the analyzer
 * gives for the test JARs: every error and warning of a JAR that upload or update had refused (on
 * stderr, exit 1) or accepted (after the success line), the registry's whole answer with
 * {@code --json}, a refusal's problem document included, and {@code fcr analyze}, the dry run, for a
 * file or a URL (exit 0 when registration would accept the JAR, 1 when it would refuse it).
 */
class FcrAnalysisTest {

    private static final String API = "/api/v1/workspaces/default";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** broken/unrelocated-library.jar and broken/undeclared-factory.jar in one: accepted, with two warnings. */
    private static final String ANALYSIS_WITH_WARNINGS = """
            {"flinkVersion":"1.20","flinkRelease":"1.20.3",
             "jar":{"fileName":"unrelocated-library.jar","sizeBytes":40000,"sha256":"%s","entries":31,"classes":24,
                    "inflatedBytes":91000,"newestJavaRelease":17},
             "builtFor":{"flinkVersion":"1.20.3","declared":true,"evidence":["META-INF/MANIFEST.MF: Flink-Version"]},
             "factories":[
               {"className":"dev.flinkregistry.samples.broken.unrelocated.UnshadedSourceFactory","declared":true,
                "identifier":"unshaded-source","families":["table-connector"],"capabilities":["source","lookup"],
                "discovery":["DynamicTableSourceFactory"],"options":[],"failure":null},
               {"className":"dev.flinkregistry.samples.broken.undeclared.UndeclaredFactory","declared":false,
                "identifier":"undeclared","families":["table-connector"],"capabilities":["source","lookup"],
                "discovery":["DynamicTableSourceFactory"],"options":[],"failure":null}],
             "findings":[
               {"code":"UNRELOCATED_LIBRARY","severity":"WARNING","message":"Bundles Apache Commons (19 classes) \
            without relocating it; it can clash with Flink's or another connector's copy. Relocate it with the \
            maven-shade-plugin.","subject":"Apache Commons","details":["org.apache.commons.csv (19 classes)"]},
               {"code":"FACTORY_NOT_DECLARED","severity":"WARNING","message":"dev.flinkregistry.samples.broken.\
            undeclared.UndeclaredFactory (identifier 'undeclared') is a factory but META-INF/services/org.apache.\
            flink.table.factories.Factory does not list it, so Flink never finds it: add it to that file.",
                "subject":"dev.flinkregistry.samples.broken.undeclared.UndeclaredFactory","details":[]}],
             "accepted":true,"durationMillis":351,"workerPeakRssKiB":45536}""";

    /**
     * broken/duplicate-identifier.jar, refused with two errors, and a warning that this answer lists
     * first, so that fcr's own ordering (errors first) is what the tests see.
     */
    private static final String DUPLICATE_REFUSAL = """
            {"type":"urn:flink-connector-registry:problem:analysis_refused","title":"Unprocessable Content",
             "status":422,"detail":"The JAR cannot be registered for Flink 1.20: 2 factories answer to 'twin' as \
            DynamicTableSourceFactory (and 1 more errors)","instance":"%s","code":"ANALYSIS_REFUSED",
             "findings":[
               {"code":"UNRELOCATED_LIBRARY","severity":"WARNING","message":"Bundles Apache Commons (19 classes) \
            without relocating it.","subject":"Apache Commons","details":["org.apache.commons.csv (19 classes)"]},
               {"code":"DUPLICATE_IDENTIFIER","severity":"ERROR","message":"2 factories answer to 'twin' as \
            DynamicTableSourceFactory: Flink fails reading a table WITH ('connector' = 'twin') with \\"Multiple \
            factories for identifier 'twin'\\".","subject":"twin",
                "details":["dev.flinkregistry.samples.broken.duplicate.TwinOneFactory",
                           "dev.flinkregistry.samples.broken.duplicate.TwinTwoFactory"]},
               {"code":"NO_LOADABLE_FACTORY","severity":"ERROR","message":"None of the declared factories loads in \
            Flink 1.20, so the JAR offers nothing a job can use.","subject":null,"details":[]}],
             "factories":[
               {"className":"dev.flinkregistry.samples.broken.duplicate.TwinOneFactory","declared":true,
                "identifier":"twin","families":["table-connector"],"capabilities":["source","lookup"],
                "discovery":["DynamicTableSourceFactory"],"options":[],
                "failure":{"code":"DUPLICATE_IDENTIFIER","message":"2 factories answer to 'twin'","exception":null,
                           "stackTrace":[]}}]}""";

    /** sample-sequence-source.jar: accepted, nothing found. */
    private static final String SEQUENCE_ANALYSIS = """
            {"flinkVersion":"%s","flinkRelease":"%s",
             "jar":{"fileName":"sample-sequence-source.jar","sizeBytes":%d,"sha256":"%s","entries":25,"classes":12,
                    "inflatedBytes":39554,"newestJavaRelease":17},
             "builtFor":{"flinkVersion":null,"declared":false,"evidence":[]},
             "factories":[{"className":"dev.flinkregistry.samples.sequence.SequenceDynamicTableFactory",
                           "declared":true,"identifier":"sequence","families":["table-connector"],
                           "capabilities":["source","lookup"],"discovery":["DynamicTableSourceFactory"],
                           "options":[],"failure":null}],
             "findings":[],"accepted":true,"durationMillis":212,"workerPeakRssKiB":41000}""";

    /** broken-static-init-throws.jar: its one factory does not load, so two errors. */
    private static final String STATIC_INIT_ANALYSIS = """
            {"flinkVersion":"1.20","flinkRelease":"1.20.3",
             "jar":{"fileName":"broken-static-init-throws.jar","sizeBytes":%d,"sha256":"%s","entries":6,"classes":4,
                    "inflatedBytes":6785,"newestJavaRelease":17},
             "builtFor":{"flinkVersion":null,"declared":false,"evidence":[]},
             "factories":[{"className":"dev.flinkregistry.samples.broken.staticinit.StaticInitThrowsFactory",
                           "declared":true,"identifier":null,"families":[],"capabilities":[],"discovery":[],
                           "options":[],
                           "failure":{"code":"FACTORY_STATIC_INIT_FAILED","message":"its static initialiser threw \
            java.lang.IllegalStateException: connection pool could not be created",
                                      "exception":"java.lang.IllegalStateException",
                                      "stackTrace":["dev.flinkregistry.samples.broken.staticinit.\
            StaticInitThrowsFactory.<clinit>(StaticInitThrowsFactory.java:8)"]}}],
             "findings":[
               {"code":"FACTORY_STATIC_INIT_FAILED","severity":"ERROR","message":"dev.flinkregistry.samples.broken.\
            staticinit.StaticInitThrowsFactory its static initialiser threw java.lang.IllegalStateException: \
            connection pool could not be created.","subject":"dev.flinkregistry.samples.broken.staticinit.\
            StaticInitThrowsFactory","details":[]},
               {"code":"NO_LOADABLE_FACTORY","severity":"ERROR","message":"None of the declared factories loads in \
            Flink 1.20, so the JAR offers nothing a job can use.","subject":null,"details":[]}],
             "accepted":false,"durationMillis":351,"workerPeakRssKiB":45536}""";

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    /** One run of fcr, with what it printed. */
    record Run(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** Runs fcr with an environment of its own, so that the user's settings and config file stay out of it. */
    private Run fcr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Fcr.commandLine(Map.of("HOME", temp.toString()), args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    // --- upload and update -----------------------------------------------------------------------

    @Test
    void printsEveryErrorAndWarningOfARefusedUploadOrUpdateOnStandardErrorErrorsFirst() {
        Path jar = TestJars.write(temp, "duplicate-identifier.jar", TestJars.bytes(3_000, 1));
        registry.stubFor(post(urlPathEqualTo(API + "/connectors")).willReturn(problem(422,
                DUPLICATE_REFUSAL.formatted(API + "/connectors"))));
        registry.stubFor(post(urlPathEqualTo(API + "/connectors/twin/versions")).willReturn(problem(422,
                DUPLICATE_REFUSAL.formatted(API + "/connectors/twin/versions"))));

        for (Run run : List.of(fcr("upload", "twin", jar.toString(), "--server", registry.baseUrl()),
                fcr("update", "twin", jar.toString(), "--server", registry.baseUrl()))) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            List<String> findings = run.errLines().stream()
                    .filter(line -> !line.isBlank() && !line.contains("duplicate-identifier.jar [")).toList();
            assertThat(findings).hasSize(4);
            assertThat(findings.get(0)).contains("error: ANALYSIS_REFUSED (422): The JAR cannot be registered");
            assertThat(findings.get(1)).startsWith("error   DUPLICATE_IDENTIFIER  2 factories answer to 'twin'")
                    .contains("\"Multiple factories for identifier 'twin'\"").endsWith(" [twin]");
            assertThat(findings.get(2)).isEqualTo("error   NO_LOADABLE_FACTORY   None of the declared factories "
                    + "loads in Flink 1.20, so the JAR offers nothing a job can use.");
            assertThat(findings.get(3)).isEqualTo("warning UNRELOCATED_LIBRARY   Bundles Apache Commons (19 classes) "
                    + "without relocating it. [Apache Commons]");
        }
    }

    @Test
    void printsTheWarningsOfAnAcceptedUploadAfterTheSuccessLine() {
        byte[] bytes = TestJars.bytes(40_000, 2);
        Path jar = TestJars.write(temp, "unrelocated-library.jar", bytes);
        registry.stubFor(post(urlPathEqualTo(API + "/connectors")).willReturn(created(uploadResult("unshaded", 1,
                bytes, "unshaded-source", ANALYSIS_WITH_WARNINGS.formatted(TestJars.sha256(bytes))))));

        Run run = fcr("upload", "unshaded", jar.toString(), "--server", registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).containsExactly(
                "unshaded version 1 (created, now current) sha256 " + TestJars.sha256(bytes),
                "  + table-connector 'unshaded-source'",
                "warning UNRELOCATED_LIBRARY   Bundles Apache Commons (19 classes) without relocating it; it can clash "
                        + "with Flink's or another connector's copy. Relocate it with the maven-shade-plugin. "
                        + "[Apache Commons]",
                "warning FACTORY_NOT_DECLARED  dev.flinkregistry.samples.broken.undeclared.UndeclaredFactory "
                        + "(identifier 'undeclared') is a factory but META-INF/services/org.apache.flink.table."
                        + "factories.Factory does not list it, so Flink never finds it: add it to that file. "
                        + "[dev.flinkregistry.samples.broken.undeclared.UndeclaredFactory]");
        assertThat(run.err()).doesNotContain("warning");
    }

    @Test
    void printsNothingMoreThanTheSuccessLineWhenTheAnalysisFoundNothing() throws IOException {
        Path jar = TestJars.sequenceV1();
        byte[] bytes = Files.readAllBytes(jar);
        registry.stubFor(post(urlPathEqualTo(API + "/connectors/sequence/versions")).willReturn(created(uploadResult(
                "sequence", 2, bytes, null, sequenceAnalysis("1.20", "1.20.3", jar)))));

        Run run = fcr("update", "sequence", jar.toString(), "--server", registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).containsExactly(
                "sequence version 2 (created, now current) sha256 " + TestJars.sha256(bytes));
    }

    @Test
    void printsTheRegistrysWholeAnswerAsJsonWithJson() {
        byte[] bytes = TestJars.bytes(40_000, 3);
        Path jar = TestJars.write(temp, "unrelocated-library.jar", bytes);
        registry.stubFor(post(urlPathEqualTo(API + "/connectors")).willReturn(created(uploadResult("unshaded", 1,
                bytes, "unshaded-source", ANALYSIS_WITH_WARNINGS.formatted(TestJars.sha256(bytes))))));

        Run run = fcr("upload", "unshaded", jar.toString(), "--json", "--server", registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.path("created").asBoolean()).isTrue();
        assertThat(answer.path("version").path("sha256").asString()).isEqualTo(TestJars.sha256(bytes));
        JsonNode analysis = answer.path("version").path("analysis");
        assertThat(analysis.path("accepted").asBoolean()).isTrue();
        assertThat(analysis.path("findings").valueStream().map(f -> f.path("code").asString()))
                .containsExactly("UNRELOCATED_LIBRARY", "FACTORY_NOT_DECLARED");
        assertThat(analysis.path("findings").get(0).path("details").get(0).asString())
                .isEqualTo("org.apache.commons.csv (19 classes)");
        assertThat(analysis.path("builtFor").path("flinkVersion").asString()).isEqualTo("1.20.3");
        assertThat(analysis.path("jar").path("entries").asInt()).isEqualTo(31);
        assertThat(analysis.path("factories").get(1).path("declared").asBoolean()).isFalse();
        assertThat(analysis.path("factories").get(0).path("discovery").get(0).asString())
                .isEqualTo("DynamicTableSourceFactory");
        assertThat(analysis.path("durationMillis").asLong()).isEqualTo(351);
        assertThat(analysis.path("workerPeakRssKiB").asLong()).isEqualTo(45536);
        assertThat(run.out()).doesNotContain("warning UNRELOCATED_LIBRARY");
    }

    @Test
    void printsARefusalsProblemDocumentAsJsonWithJsonAndStillExitsWithOne() {
        Path jar = TestJars.write(temp, "duplicate-identifier.jar", TestJars.bytes(3_000, 4));
        registry.stubFor(post(urlPathEqualTo(API + "/connectors/twin/versions")).willReturn(problem(422,
                DUPLICATE_REFUSAL.formatted(API + "/connectors/twin/versions"))));

        Run run = fcr("update", "twin", jar.toString(), "--json", "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode problem = JSON.readTree(run.out());
        assertThat(problem.path("code").asString()).isEqualTo("ANALYSIS_REFUSED");
        assertThat(problem.path("status").asInt()).isEqualTo(422);
        assertThat(problem.path("instance").asString()).isEqualTo(API + "/connectors/twin/versions");
        assertThat(problem.path("findings").valueStream().map(f -> f.path("code").asString()))
                .containsExactly("UNRELOCATED_LIBRARY", "DUPLICATE_IDENTIFIER", "NO_LOADABLE_FACTORY");
        assertThat(problem.path("findings").get(1).path("details")).hasSize(2);
        assertThat(problem.path("factories").get(0).path("failure").path("code").asString())
                .isEqualTo("DUPLICATE_IDENTIFIER");
        assertThat(run.err()).contains("error: ANALYSIS_REFUSED (422)").doesNotContain("DUPLICATE_IDENTIFIER");
    }

    // --- analyze ---------------------------------------------------------------------------------

    @Test
    void analysesAFileForTheFlinkLineAskedAndExitsWithZeroWhenRegistrationWouldAcceptIt() throws IOException {
        Path jar = TestJars.sequenceV1();
        registry.stubFor(post(urlPathEqualTo("/api/v1/workspaces/team-a/analysis"))
                .willReturn(okJson(sequenceAnalysis("2.2", "2.2.0", jar))));

        Run run = fcr("analyze", jar.toString(), "--flink-version", "2.2", "-w", "team-a", "--server",
                registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).containsExactly(
                "sample-sequence-source.jar for Flink 2.2 (checked against 2.2.0): ACCEPTED",
                "  " + Files.size(jar) + " bytes, 25 entries, 12 classes, sha256 " + TestJars.sha256(jar),
                "  'sequence'  table-connector  [source, lookup]  "
                        + "dev.flinkregistry.samples.sequence.SequenceDynamicTableFactory");
        registry.verify(postRequestedFor(urlPathEqualTo("/api/v1/workspaces/team-a/analysis"))
                .withQueryParam("flinkVersion", equalTo("2.2"))
                .withQueryParam("fileName", equalTo("sample-sequence-source.jar"))
                .withHeader("Content-Type", equalTo("application/java-archive"))
                .withRequestBody(binaryEqualTo(Files.readAllBytes(jar))));
        registry.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/workspaces/team-a/connectors")));
    }

    @Test
    void analysesARefusedJarWithItsFactoriesAndEveryErrorAndExitsWithOne() {
        Path jar = TestJars.jar("broken-static-init-throws.jar");
        registry.stubFor(post(urlPathEqualTo(API + "/analysis")).willReturn(okJson(STATIC_INIT_ANALYSIS.formatted(
                size(jar), TestJars.sha256(jar)))));

        Run run = fcr("analyze", jar.toString(), "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).containsExactly(
                "broken-static-init-throws.jar for Flink 1.20 (checked against 1.20.3): REFUSED",
                "  " + size(jar) + " bytes, 6 entries, 4 classes, sha256 " + TestJars.sha256(jar),
                "  (not loaded)  dev.flinkregistry.samples.broken.staticinit.StaticInitThrowsFactory  "
                        + "FACTORY_STATIC_INIT_FAILED",
                "error   FACTORY_STATIC_INIT_FAILED  dev.flinkregistry.samples.broken.staticinit."
                        + "StaticInitThrowsFactory its static initialiser threw java.lang.IllegalStateException: "
                        + "connection pool could not be created. "
                        + "[dev.flinkregistry.samples.broken.staticinit.StaticInitThrowsFactory]",
                "error   NO_LOADABLE_FACTORY         None of the declared factories loads in Flink 1.20, so the JAR "
                        + "offers nothing a job can use.");
        assertThat(run.err()).doesNotContain("error");
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/analysis")).withQueryParam("flinkVersion", absent()));
    }

    @Test
    void printsTheWholeAnalysisAsJsonWithTheSameExitStatus() throws IOException {
        Path accepted = TestJars.sequenceV1();
        Path refused = TestJars.jar("broken-static-init-throws.jar");
        registry.stubFor(post(urlPathEqualTo(API + "/analysis"))
                .withQueryParam("fileName", equalTo("sample-sequence-source.jar"))
                .willReturn(okJson(sequenceAnalysis("1.20", "1.20.3", accepted))));
        registry.stubFor(post(urlPathEqualTo(API + "/analysis")).withQueryParam("fileName",
                equalTo("broken-static-init-throws.jar")).willReturn(okJson(STATIC_INIT_ANALYSIS.formatted(
                        size(refused), TestJars.sha256(refused)))));

        Run yes = fcr("analyze", accepted.toString(), "--json", "--server", registry.baseUrl());
        Run no = fcr("analyze", refused.toString(), "--json", "--server", registry.baseUrl());

        assertThat(yes.exitCode()).as(yes.err()).isZero();
        JsonNode acceptedJson = JSON.readTree(yes.out());
        assertThat(acceptedJson.path("accepted").asBoolean()).isTrue();
        assertThat(acceptedJson.path("jar").path("sha256").asString()).isEqualTo(TestJars.sha256(accepted));
        assertThat(acceptedJson.path("factories").get(0).path("identifier").asString()).isEqualTo("sequence");
        assertThat(acceptedJson.path("findings")).isEmpty();
        assertThat(no.exitCode()).isEqualTo(1);
        JsonNode refusedJson = JSON.readTree(no.out());
        assertThat(refusedJson.path("accepted").asBoolean()).isFalse();
        assertThat(refusedJson.path("findings").valueStream().map(f -> f.path("severity").asString()))
                .containsExactly("ERROR", "ERROR");
        JsonNode failure = refusedJson.path("factories").get(0).path("failure");
        assertThat(failure.path("exception").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failure.path("stackTrace")).hasSize(1);
        assertThat(refusedJson.path("workerPeakRssKiB").asLong()).isEqualTo(45536);
    }

    @Test
    void analysesTheJarAtAUrlByHavingTheRegistryDownloadIt() throws IOException {
        String url = "https://repo.example.org/sample-sequence-source.jar";
        String sha = TestJars.sha256(TestJars.sequenceV1());
        registry.stubFor(post(urlPathEqualTo(API + "/analysis"))
                .willReturn(okJson(sequenceAnalysis("1.20", "1.20.3", TestJars.sequenceV1()))));

        Run run = fcr("analyze", url, "--sha256", sha, "--server", registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sample-sequence-source.jar for Flink 1.20 (checked against 1.20.3): ACCEPTED");
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/analysis"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"url\":\"" + url + "\",\"sha256\":\"" + sha + "\"}")));
    }

    @Test
    void saysWhichFileIsMissingWithUsageStatusAndSendsNothing() {
        Run run = fcr("analyze", temp.resolve("missing.jar").toString(), "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(temp.resolve("missing.jar") + ": no such file");
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesAChecksumForAFileWithUsageStatus() {
        Run run = fcr("analyze", TestJars.sequenceV1().toString(), "--sha256", "a".repeat(64), "--server",
                registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--sha256 goes with a URL");
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void saysWhenTheRegistryHasNoRuntimeForTheFlinkLineAsked() {
        registry.stubFor(post(urlPathEqualTo(API + "/analysis")).willReturn(problem(400, """
                {"status":400,"code":"UNSUPPORTED_FLINK_VERSION",
                 "detail":"Flink 0.9 is not supported; supported versions: 1.20, 2.2"}""")));

        Run text = fcr("analyze", TestJars.sequenceV1().toString(), "--flink-version", "0.9", "--server",
                registry.baseUrl());
        Run json = fcr("analyze", TestJars.sequenceV1().toString(), "--flink-version", "0.9", "--json", "--server",
                registry.baseUrl());

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).contains("UNSUPPORTED_FLINK_VERSION (400): Flink 0.9 is not supported");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(json.out()).path("code").asString()).isEqualTo("UNSUPPORTED_FLINK_VERSION");
    }

    // --- answers ---------------------------------------------------------------------------------

    private static String sequenceAnalysis(String line, String release, Path jar) {
        return SEQUENCE_ANALYSIS.formatted(line, release, size(jar), TestJars.sha256(jar));
    }

    /** A registration's or an update's answer, with the version's analysis. */
    private static String uploadResult(String connector, int version, byte[] jar, String identifierAdded,
                                       String analysis) {
        return """
                {"created":true,"version":{"workspace":"default","connector":"%1$s","version":%2$d,"sha256":"%3$s",
                 "size":%4$d,"sourceType":"UPLOAD","createdBy":"alice","createdAt":"2026-12-01T10:00:00Z",
                 "current":true,"downloadPath":"/api/v1/workspaces/default/jars/%3$s","analysis":%5$s},
                 "diff":{"from":%6$s,"to":%2$d,"identifiersAdded":[%7$s],"identifiersRemoved":[],"optionsAdded":[],
                         "optionsRemoved":[],"optionsChanged":[],"breakingChanges":[]}}"""
                .formatted(connector, version, TestJars.sha256(jar), jar.length, analysis,
                        version == 1 ? "null" : String.valueOf(version - 1), identifierAdded == null ? ""
                                : "{\"family\":\"table-connector\",\"identifier\":\"" + identifierAdded + "\"}");
    }

    private static ResponseDefinitionBuilder created(String body) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder problem(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json").withBody(body);
    }

    private static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
