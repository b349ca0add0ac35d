package dev.flinkregistry.client.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.testsupport.Loopback;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code fcr} command line against a WireMock registry. Exit status 0 on success, 1 when the
 * registry refuses or options are invalid, 2 on bad usage (no command, an unknown option, neither
 * file nor {@code -o}, a missing JAR or SQL file), 3 when no server answers or a file cannot be read.
 * {@code --server}, {@code --workspace}, {@code --token} before or after the command, and their
 * environment defaults {@code FCR_SERVER}, {@code FCR_WORKSPACE}, {@code FCR_TOKEN}. The identity
 * commands: whoami, token create (the secret alone on standard output), list and revoke, audit
 * with its filters, admin scrub (exit 1 when a JAR is corrupt). Accepting findings on upload and
 * update ({@code --accept-findings}, {@code --accept-reason}: both or neither, exit 2 otherwise) and
 * showing them in {@code show} and {@code versions}. Signing in: {@link FcrSignInTest}.
 */
class FcrTest {

    private static final String API = "/api/v1/workspaces/default";
    private static final String LIST_JSON = """
            {"items":[{"name":"sequence","currentVersion":2,"updatedAt":"2026-01-01T00:00:00Z",
              "factories":[{"identifier":"sequence","families":["table-connector"],"capabilities":["source","lookup"]}]},
             {"name":"psv-format","currentVersion":1,"updatedAt":"2026-01-01T00:00:00Z",
              "factories":[{"identifier":"psv","families":["decoding-format","encoding-format"],"capabilities":[]}]}],
             "page":0,"size":50,"total":2}""";

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    /** One run of fcr, with what it printed. */
    record Run(int exitCode, String out, String err) {}

    /** Runs fcr with an environment of its own, so that the user's settings and config file stay out of it. */
    private Run fcr(String... args) {
        return fcrIn(Map.of("HOME", temp.toString()), args);
    }

    private Run fcrIn(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Fcr.commandLine(environment, args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void asksForACommandWithUsageStatus() {
        Run run = fcr();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Name a command");
    }

    @Test
    void rejectsAnUnknownOptionWithUsageStatus() {
        Run run = fcr("list", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-option");
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void documentsTheConnectionOptionsWithTheirEnvironmentVariables() {
        Run run = fcr("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--server", "FCR_SERVER", "--workspace", "FCR_WORKSPACE", "--token", "FCR_TOKEN",
                "--cache-dir", "FCR_CACHE_DIR", "default: http://localhost:8080");
        assertThat(run.out()).contains("upload", "update", "analyze", "list", "show", "versions", "diff", "current",
                "validate", "resolve", "fetch", "delete", "whoami", "token", "audit", "admin", "Exit status",
                "4   not signed in or not allowed");
        assertThat(fcr("--version").exitCode()).isZero();
    }

    @Test
    void everyCommandShowsItsHelp() {
        List<List<String>> commands = new ArrayList<>();
        collect(Fcr.commandLine(), List.of(), commands);
        assertThat(commands).extracting(path -> String.join(" ", path))
                .contains("show", "delete", "token create", "admin scrub", "audit");
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Run run = fcr(args.toArray(String[]::new));
            assertThat(run.exitCode()).as("fcr %s --help: %s", String.join(" ", command), run.err()).isZero();
            assertThat(run.out()).as("fcr %s --help", String.join(" ", command))
                    .contains("Usage: fcr " + String.join(" ", command)).contains("--help");
        }
    }

    @Test
    void buildsOnlyTheNamedCommandAndGivesTheSameHelpAsTheWholeTree() {
        Map<String, String> environment = Map.of("HOME", temp.toString());
        List<List<String>> commands = new ArrayList<>();
        collect(Fcr.commandLine(environment), List.of(), commands);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            StringWriter whole = new StringWriter();
            CommandLine wholeTree = Fcr.commandLine(environment);
            wholeTree.setOut(new PrintWriter(whole));
            wholeTree.execute(args.toArray(String[]::new));
            Run run = fcr(args.toArray(String[]::new));
            assertThat(run.out()).as("fcr %s --help", String.join(" ", command)).isEqualTo(whole.toString());
        }
        // Options before the command, with their values apart or attached, even a value that names a command.
        assertThat(Fcr.commandLine(environment, "-s", "http://x", "--workspace", "list", "--config=c", "fetch", "--help")
                .getSubcommands().keySet()).containsExactly("fetch");
        assertThat(Fcr.commandLine(environment, "-tTOKEN", "lease", "renew", "job").getSubcommands().keySet())
                .containsExactly("lease");
        // No command named, or one misspelt: every command, so the help lists them and a typo gets suggestions.
        assertThat(Fcr.commandLine(environment, "--help").getSubcommands()).hasSize(20);
        assertThat(Fcr.commandLine(environment).getSubcommands()).hasSize(20);
        assertThat(Fcr.commandLine(environment, "-s").getSubcommands()).hasSize(20);
        assertThat(Fcr.commandLine(environment, "--", "list").getSubcommands()).hasSize(20);
        Run typo = fcr("fecth", "job.sql");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("fecth", "fetch");
        Run missingValue = fcr("list", "--server");
        assertThat(missingValue.exitCode()).isEqualTo(2);
        assertThat(missingValue.err()).contains("--server");
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    private static void collect(CommandLine parent, List<String> path, List<List<String>> into) {
        parent.getSubcommands().forEach((name, sub) -> {
            List<String> here = new ArrayList<>(path);
            here.add(name);
            into.add(here);
            collect(sub, here, into);
        });
    }

    @Test
    void showsTheHelpOfACommand() {
        Run run = fcr("list", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--identifier", "--capability", "FCR_SERVER");
    }

    @Test
    void listsConnectorsAsATableFromTheServerAndWorkspaceGiven() {
        String path = "/api/v1/workspaces/team-a/connectors";
        registry.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(LIST_JSON)));

        Run run = fcr("list", "--server", registry.baseUrl(), "--workspace", "team-a", "--token", "t0ken",
                "--capability", "lookup");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).element(0).asString().startsWith("NAME").contains("CURRENT", "OFFERS");
        assertThat(run.out()).contains("sequence", "sequence (source+lookup)", "psv (decoding-format+encoding-format)",
                "2 of 2");
        registry.verify(getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer t0ken"))
                .withQueryParam("capability", equalTo("lookup")));
    }

    @Test
    void acceptsTheConnectionOptionsBeforeTheCommand() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(okJson(LIST_JSON)));

        Run run = fcr("--server", registry.baseUrl(), "list", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"name\" : \"sequence\"");
    }

    @Test
    void failsOverToTheNextCommaSeparatedServer() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(okJson(LIST_JSON)));

        Run run = fcr("list", "--server", Loopback.closedAddress() + "," + registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 of 2");
    }

    @Test
    void exitsWithOneAndTheProblemCodeWhenTheRegistryRefuses() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/nope")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("""
                        {"status":404,"code":"CONNECTOR_NOT_FOUND","detail":"Connector 'nope' does not exist"}""")));

        Run run = fcr("show", "nope", "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("CONNECTOR_NOT_FOUND", "404", "Connector 'nope' does not exist");
    }

    @Test
    void exitsWithThreeWhenNoServerAnswers() {
        Run run = fcr("list", "--server", Loopback.closedAddress());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("No registry server answered");
    }

    @Test
    void exitsWithUsageStatusWhenTheSqlFileDoesNotExist() {
        Run run = fcr("validate", temp.resolve("missing.sql").toString(), "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: no such file: " + temp.resolve("missing.sql"));
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void exitsWithUsageStatusForValidateWithoutFileOrOptions() {
        assertThat(fcr("validate", "--server", registry.baseUrl()).exitCode()).isEqualTo(2);
        assertThat(fcr("validate", "-o", "no-equals-sign", "--server", registry.baseUrl()).exitCode()).isEqualTo(2);
    }

    @Test
    void exitsWithOneWhenTheOptionsAreInvalidAndZeroWhenValid() {
        registry.stubFor(post(urlPathEqualTo(API + "/validate"))
                .withRequestBody(equalToJson("{\"options\":{\"connector\":\"sequence\",\"number-of-row\":\"5\"}}"))
                .willReturn(okJson("""
                        {"valid":false,"results":[{"kind":"OPTIONS","result":{"valid":false,"identifier":"sequence",
                         "problems":[{"code":"UNKNOWN_OPTION","severity":"ERROR","key":"number-of-row",
                                      "message":"Unknown option 'number-of-row'","suggestion":"number-of-rows"}]}}]}""")));
        registry.stubFor(post(urlPathEqualTo(API + "/validate"))
                .withRequestBody(equalToJson("{\"options\":{\"connector\":\"sequence\",\"number-of-rows\":\"5\"}}"))
                .willReturn(okJson("""
                        {"valid":true,"results":[{"kind":"OPTIONS","result":{"valid":true,"identifier":"sequence",
                         "problems":[]}}]}""")));

        Run invalid = fcr("validate", "-o", "connector=sequence", "-o", "number-of-row=5", "-s", registry.baseUrl());
        Run valid = fcr("validate", "-o", "connector=sequence", "-o", "number-of-rows=5", "-s", registry.baseUrl());

        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.out()).contains("options: INVALID", "UNKNOWN_OPTION number-of-row");
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("options: valid");
    }

    @Test
    void refusesToUploadAFileThatDoesNotExistWithUsageStatus() {
        Run run = fcr("upload", "sequence", temp.resolve("missing.jar").toString(), "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file");
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void uploadsWithAProgressBarOnStandardErrorOnlyWhereOneCanBeSeen() {
        byte[] jar = TestJars.bytes(2_000_000, 3);
        Path file = TestJars.write(temp, "sequence.jar", jar);
        registry.stubFor(post(urlPathEqualTo(API + "/connectors")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"created":true,"version":{"workspace":"default","connector":"sequence","version":1,
                         "sha256":"%s","size":%d,"current":true},
                         "diff":{"to":1,"identifiersAdded":[{"family":"table-connector","identifier":"sequence"}],
                                 "identifiersRemoved":[],"optionsAdded":[],"optionsRemoved":[],"optionsChanged":[],
                                 "breakingChanges":[]}}""".formatted(TestJars.sha256(jar), jar.length))));

        Run run = fcrIn(Map.of("HOME", temp.toString(), "FCR_PROGRESS", "always"), "upload", "sequence",
                file.toString(), "--server", registry.baseUrl());
        // Not on a terminal (as here, and in CI logs and pipes), no bar unless asked for.
        Run quiet = fcr("upload", "sequence", file.toString(), "--server", registry.baseUrl());

        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain("%", "sequence.jar [");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("sequence.jar [", "100%", "2.0 MB / 2.0 MB");
        assertThat(run.out()).contains("sequence version 1 (created, now current) sha256 " + TestJars.sha256(jar),
                "+ table-connector 'sequence'");
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/connectors")).withQueryParam("name", equalTo("sequence")));
    }

    @Test
    void uploadsAndUpdatesAcceptingFindingsAndPrintsTheAcceptance() {
        Path file = TestJars.write(temp, "pool.jar", TestJars.bytes(1_000, 5));
        String answer = """
                {"created":true,"version":{"workspace":"default","connector":"pool","version":%d,"sha256":"%s",
                 "size":1000,"current":true,"acceptance":{"codes":["FACTORY_CLASS_MISSING","FACTORY_STATIC_INIT_FAILED"],
                 "reason":"vendor release, cannot rebuild","acceptedBy":"token:platform",
                 "acceptedAt":"2026-12-01T10:00:00Z"}},
                 "diff":{"to":1,"identifiersAdded":[],"identifiersRemoved":[],"optionsAdded":[],"optionsRemoved":[],
                         "optionsChanged":[],"breakingChanges":[]}}""";
        registry.stubFor(post(urlPathEqualTo(API + "/connectors")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(answer.formatted(1, "a".repeat(64)))));
        registry.stubFor(post(urlPathEqualTo(API + "/connectors/pool/versions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(answer.formatted(2, "b".repeat(64)))));

        Run upload = fcr("upload", "pool", file.toString(), "--accept-findings",
                "FACTORY_STATIC_INIT_FAILED,FACTORY_CLASS_MISSING", "--accept-reason", "vendor release, cannot rebuild",
                "--server", registry.baseUrl());
        Run update = fcr("update", "pool", file.toString(), "--accept-findings", "FACTORY_STATIC_INIT_FAILED",
                "--accept-reason", "again", "--server", registry.baseUrl());

        assertThat(upload.exitCode()).as(upload.err()).isZero();
        assertThat(upload.out()).contains("pool version 1 (created, now current)", "  accepted findings "
                + "FACTORY_CLASS_MISSING, FACTORY_STATIC_INIT_FAILED by token:platform at 2026-12-01T10:00:00Z: "
                + "vendor release, cannot rebuild");
        assertThat(update.exitCode()).as(update.err()).isZero();
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/connectors"))
                .withQueryParam("acceptFindings", equalTo("FACTORY_STATIC_INIT_FAILED,FACTORY_CLASS_MISSING"))
                .withQueryParam("acceptReason", equalTo("vendor release, cannot rebuild")));
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/connectors/pool/versions"))
                .withQueryParam("acceptFindings", equalTo("FACTORY_STATIC_INIT_FAILED"))
                .withQueryParam("acceptReason", equalTo("again")));
    }

    @Test
    void refusesAcceptedFindingsWithoutAReasonOrAReasonAloneWithUsageStatus() {
        Path file = TestJars.write(temp, "pool.jar", TestJars.bytes(1_000, 5));

        Run codesOnly = fcr("upload", "pool", file.toString(), "--accept-findings", "FACTORY_STATIC_INIT_FAILED",
                "--server", registry.baseUrl());
        Run reasonOnly = fcr("update", "pool", file.toString(), "--accept-reason", "why", "--server",
                registry.baseUrl());

        for (Run run : List.of(codesOnly, reasonOnly)) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--accept-findings and --accept-reason go together");
        }
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void showsAndListsTheFindingsAcceptedForAVersion() {
        String acceptance = "\"acceptance\":{\"codes\":[\"FACTORY_STATIC_INIT_FAILED\"],"
                + "\"reason\":\"third-party release\",\"acceptedBy\":\"alice\",\"acceptedAt\":\"2026-12-01T10:00:00Z\"}";
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/pool/versions")).willReturn(okJson("""
                [{"workspace":"default","connector":"pool","version":1,"sha256":"%s","size":10,"sourceType":"UPLOAD",
                  "createdBy":"bob","createdAt":"2026-11-01T10:00:00Z","current":false,"acceptance":null},
                 {"workspace":"default","connector":"pool","version":2,"sha256":"%s","size":12,"sourceType":"UPLOAD",
                  "createdBy":"alice","createdAt":"2026-12-01T10:00:00Z","current":true,%s}]"""
                .formatted("a".repeat(64), "b".repeat(64), acceptance))));
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/pool/versions/2")).willReturn(okJson("""
                {"workspace":"default","connector":"pool","version":2,"sha256":"%s","size":12,"sourceType":"UPLOAD",
                 "createdBy":"alice","createdAt":"2026-12-01T10:00:00Z","current":true,
                 "analysis":{"flinkVersion":"1.20","factories":[],"findings":[],"accepted":false,
                             "durationMillis":1,"workerPeakRssKiB":-1},%s}"""
                .formatted("b".repeat(64), acceptance))));

        Run versions = fcr("versions", "pool", "--server", registry.baseUrl());
        Run show = fcr("show", "pool", "--version", "2", "--server", registry.baseUrl());

        assertThat(versions.exitCode()).as(versions.err()).isZero();
        List<String> lines = versions.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).endsWith("ACCEPTED FINDINGS");
        assertThat(lines.get(1)).endsWith("by bob");
        assertThat(lines.get(2)).endsWith("FACTORY_STATIC_INIT_FAILED by alice");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("accepted findings FACTORY_STATIC_INIT_FAILED by alice at 2026-12-01T10:00:00Z: "
                + "third-party release");
    }

    @Test
    void deletesAVersionOrAWholeConnector() {
        registry.stubFor(delete(urlPathEqualTo(API + "/connectors/sequence/versions/1"))
                .willReturn(aResponse().withStatus(204)));
        registry.stubFor(delete(urlPathEqualTo(API + "/connectors/sequence")).willReturn(aResponse().withStatus(204)));

        Run version = fcr("delete", "sequence", "--version", "1", "--server", registry.baseUrl());
        Run connector = fcr("delete", "sequence", "--yes", "--server", registry.baseUrl());

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("deleted sequence version 1");
        assertThat(connector.exitCode()).isZero();
        assertThat(connector.out()).contains("deleted connector sequence");
        registry.verify(deleteRequestedFor(urlPathEqualTo(API + "/connectors/sequence/versions/1")));
        registry.verify(deleteRequestedFor(urlPathEqualTo(API + "/connectors/sequence")));
    }

    @Test
    void printsADiffWithoutClaimingAnUpload() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/sequence/diff")).willReturn(okJson("""
                {"from":1,"to":2,"identifiersAdded":[],"identifiersRemoved":[],
                 "optionsAdded":[{"identifier":"sequence","key":"step","after":{"type":"Long","defaultValue":"1",
                                  "required":false}}],
                 "optionsRemoved":[],"optionsChanged":[],"breakingChanges":[]}""")));
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/sequence/versions/2")).willReturn(okJson("""
                {"workspace":"default","connector":"sequence","version":2,"sha256":"%s","size":10,
                 "current":true}""".formatted("d".repeat(64)))));

        Run run = fcr("diff", "sequence", "1", "2", "--server", registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sequence 1 → 2", "+ option sequence.step").doesNotContain("identical bytes");
    }

    @Test
    void fetchesWhatASqlFileNeedsAndPrintsPipelineJarsOrAddJar() throws IOException {
        byte[] jar = TestJars.bytes(30_000, 4);
        String sha = TestJars.sha256(jar);
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(okJson("""
                {"workspace":"default","flinkVersion":"1.20",
                 "resolved":[{"identifier":"sequence","family":"table-connector","connector":"sequence","version":1,
                              "sha256":"%1$s","size":30000,"url":"%2$s/api/v1/workspaces/default/jars/%1$s"}],
                 "jars":[{"connector":"sequence","version":1,"sha256":"%1$s","size":30000,
                          "url":"%2$s/api/v1/workspaces/default/jars/%1$s"}],"builtIn":[]}"""
                .formatted(sha, registry.baseUrl()))));
        registry.stubFor(get(urlPathEqualTo(API + "/jars/" + sha)).willReturn(aResponse().withStatus(200).withBody(jar)));
        Path sql = Files.writeString(temp.resolve("job.sql"), """
                CREATE TABLE src (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '5');
                CREATE TABLE snk (id BIGINT) WITH ('connector' = 'print');
                INSERT INTO snk SELECT * FROM src;""");
        Path cache = temp.resolve("cache");

        Run pipeline = fcr("fetch", sql.toString(), "--print", "pipeline_jars", "--cache-dir", cache.toString(),
                "--server", registry.baseUrl());
        Run addJar = fcr("fetch", sql.toString(), "--print", "add_jar", "--cache-dir", cache.toString(),
                "--server", registry.baseUrl());

        // Content-addressed in the cache, printed under a name that says what it is.
        Path cached = cache.resolve(sha.substring(0, 2)).resolve("sequence-1-" + sha.substring(0, 12) + ".jar")
                .toAbsolutePath();
        assertThat(cache.resolve(sha.substring(0, 2)).resolve(sha + ".jar")).hasBinaryContent(jar);
        assertThat(pipeline.exitCode()).as(pipeline.err()).isZero();
        assertThat(pipeline.out().strip()).isEqualTo(cached.toUri().toString());
        assertThat(addJar.out().strip()).isEqualTo("ADD JAR '" + cached + "';");
        assertThat(cached).hasBinaryContent(jar);
        registry.verify(1, getRequestedFor(urlPathEqualTo(API + "/jars/" + sha)));
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/resolve"))
                .withRequestBody(equalToJson("""
                        {"identifiers":[{"identifier":"sequence","family":"table-connector"}]}""", true, true)));
    }

    @Test
    void rejectsAnUnknownPrintFormatWithUsageStatus() throws IOException {
        Path sql = Files.writeString(temp.resolve("job.sql"), "SELECT 1");

        assertThat(fcr("fetch", sql.toString(), "--print", "yaml", "--server", registry.baseUrl()).exitCode())
                .isEqualTo(2);
    }

    @Test
    void takesServerWorkspaceAndTokenFromTheEnvironment() throws Exception {
        String path = "/api/v1/workspaces/from-env/connectors";
        registry.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(LIST_JSON)));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Fcr.class.getName(), "list"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("fcr.log").toFile());
        builder.environment().put("FCR_SERVER", registry.baseUrl());
        builder.environment().put("FCR_WORKSPACE", "from-env");
        builder.environment().put("FCR_TOKEN", "env-token");

        Process process = builder.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        process.destroyForcibly();

        String output = Files.readString(temp.resolve("fcr.log"), StandardCharsets.UTF_8);
        assertThat(finished).as("fcr finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("2 of 2");
        registry.verify(getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer env-token")));
    }

    // --- whoami, token, audit, admin -------------------------------------------------------------

    private static final String TOKEN_VIEW = """
            {"id":7,"name":"ci","hint":"fcr_a1B2…","workspace":"team-a","role":"submitter","createdBy":"alice",
             "createdAt":"2026-12-01T10:00:00Z","expiresAt":"2099-03-01T10:00:00Z","revokedAt":null,
             "lastUsedAt":null}""";

    @Test
    void showsWhoTheRegistryTakesTheCallerFor() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/whoami")).willReturn(okJson("""
                {"name":"alice","kind":"user","platformAdmin":false,"roles":{"team-b":"viewer","team-a":"developer"}}""")));

        Run run = fcr("whoami", "--server", registry.baseUrl(), "--token", "jwt");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("alice (user)", "WORKSPACE  ROLE", "team-a     developer",
                "team-b     viewer");
    }

    @Test
    void printsTheNewTokensSecretAloneOnStandardOutputAndSaysItIsShownOnce() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"fcr_thesecret\",\"details\":" + TOKEN_VIEW + "}")));

        Run run = fcr("token", "create", "ci", "--role", "submitter", "--expires-in-days", "30", "-w", "team-a",
                "--server", registry.baseUrl(), "--token", "fcr_admin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("fcr_thesecret" + System.lineSeparator());
        assertThat(run.err()).contains("Created token 7 'ci': role 'submitter' in workspace 'team-a'",
                "This is the only time its secret is shown");
        registry.verify(postRequestedFor(urlPathEqualTo("/api/v1/tokens")).withRequestBody(equalToJson("""
                {"name":"ci","workspace":"team-a","role":"submitter","expiresInDays":30}""")));
    }

    @Test
    void createsAPlatformWideTokenForThePlatformAdministratorsRole() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"fcr_root\",\"details\":" + TOKEN_VIEW + "}")));

        assertThat(fcr("token", "create", "root", "--role", "platform-admin", "--server", registry.baseUrl())
                .exitCode()).isZero();
        registry.verify(postRequestedFor(urlPathEqualTo("/api/v1/tokens")).withRequestBody(equalToJson("""
                {"name":"root","role":"platform-admin"}""")));
    }

    @Test
    void listsTokensWithoutSecretsAndRevokesOne() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/tokens")).willReturn(okJson("[" + TOKEN_VIEW + "]")));
        registry.stubFor(delete(urlPathEqualTo("/api/v1/tokens/7")).willReturn(okJson(TOKEN_VIEW)));

        Run list = fcr("token", "list", "--server", registry.baseUrl());
        Run revoke = fcr("token", "revoke", "7", "--server", registry.baseUrl());

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).element(0).asString().startsWith("ID").contains("NAME", "HINT",
                "WORKSPACE", "ROLE", "EXPIRES", "LAST USED", "STATE");
        assertThat(list.out()).contains("fcr_a1B2…", "team-a", "submitter", "never", "active");
        assertThat(revoke.exitCode()).isZero();
        assertThat(revoke.out()).contains("revoked token 7 'ci'");
    }

    @Test
    void asksForATokenCommand() {
        assertThat(fcr("token", "--server", registry.baseUrl()).exitCode()).isEqualTo(2);
        assertThat(fcr("token", "create", "ci", "--server", registry.baseUrl()).err()).contains("--role");
    }

    @Test
    void readsTheWorkspacesAuditLogWithItsFilters() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/workspaces/team-a/audit")).willReturn(okJson("""
                [{"id":3,"occurredAt":"2026-12-01T10:00:00.123Z","principal":"token:ci","address":"127.0.0.1",
                  "workspace":"team-a","action":"version.create","target":"sequence/2","outcome":"SUCCESS",
                  "details":"source=UPLOAD"}]""")));

        Run run = fcr("audit", "-w", "team-a", "--connector", "sequence", "--principal", "token:ci", "--since",
                "2026-12-01", "--until", "2026-12-02T00:00:00Z", "--server", registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).element(0).asString().startsWith("TIME").contains("PRINCIPAL", "ACTION");
        assertThat(run.out()).contains("2026-12-01T10:00:00Z", "token:ci", "version.create", "sequence/2", "SUCCESS");
        registry.verify(getRequestedFor(urlPathEqualTo("/api/v1/workspaces/team-a/audit"))
                .withQueryParam("connector", equalTo("sequence")).withQueryParam("principal", equalTo("token:ci"))
                .withQueryParam("from", equalTo("2026-12-01T00:00:00Z"))
                .withQueryParam("to", equalTo("2026-12-02T00:00:00Z")));
    }

    @Test
    void readsTheWholeAuditLogWithAll() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/audit")).willReturn(okJson("""
                [{"id":1,"occurredAt":"2026-12-01T10:00:00Z","principal":"registry","workspace":null,
                  "action":"token.create","target":"token 1","outcome":"SUCCESS","details":null}]""")));

        Run run = fcr("audit", "--all", "--since", "7d", "--server", registry.baseUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("WORKSPACE", "(platform)", "token.create");
        registry.verify(getRequestedFor(urlPathEqualTo("/api/v1/audit")).withQueryParam("from",
                matching("\\d{4}-.*Z")));
    }

    @Test
    void readsSinceAsATimeADayOrATimeAgo() {
        Instant now = Instant.parse("2026-12-10T12:00:00Z");

        assertThat(AuditCommand.parse("2026-12-01T10:00:00Z", now)).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(AuditCommand.parse("2026-12-01", now)).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(AuditCommand.parse("90m", now)).isEqualTo("2026-12-10T10:30:00Z");
        assertThat(AuditCommand.parse("2w", now)).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(fcr("audit", "--since", "last tuesday", "--server", registry.baseUrl()).exitCode()).isEqualTo(2);
        registry.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void scrubsTheStoredJarsAndExitsWithOneWhenOneIsCorrupt() {
        registry.stubFor(post(urlPathEqualTo("/api/v1/admin/scrub")).willReturn(okJson("""
                {"checked":3,"corrupt":["%s"],"startedAt":"2026-12-01T10:00:00Z","durationMillis":41}"""
                .formatted("c".repeat(64)))));

        Run run = fcr("admin", "scrub", "--server", registry.baseUrl());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("checked 3 stored JARs in 41 ms: 1 corrupt", "corrupt " + "c".repeat(64));
    }
}
