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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a first hour with {@code fcr} stumbled over: job findings printed by resolve and fetch (exit
 * 1 on an error), leases and workspaces from the command line, deleting a connector only with
 * {@code --yes}, the breaking-change hint naming {@code --force}, {@code diff} with types and defaults
 * and exit 1 when it breaks, {@code show} never hiding enum values or sensitivity, short digests and
 * file names in {@code versions}, and {@code --family} naming the families when given none.
 */
class FcrFirstHourTest {

    private static final String API = "/api/v1/workspaces/default";

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {}

    private Run fcr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Fcr.commandLine(Map.of("HOME", temp.toString(), "FCR_SERVER", registry.baseUrl(),
                "FCR_CACHE_DIR", temp.resolve("cache").toString()), args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Path resolvingWithFindings(String severity) throws IOException {
        byte[] jar = TestJars.bytes(3_000, 9);
        String sha = TestJars.sha256(jar);
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(okJson("""
                {"workspace":"default","flinkVersion":"1.20",
                 "resolved":[{"identifier":"sequence","family":"table-connector","connector":"sequence","version":2,
                              "sha256":"%1$s","size":3000,"url":"%2$s/api/v1/workspaces/default/jars/%1$s"}],
                 "jars":[{"connector":"sequence","version":2,"sha256":"%1$s","size":3000,
                          "url":"%2$s/api/v1/workspaces/default/jars/%1$s","role":"connector","fileName":"sequence-2.jar"}],
                 "builtIn":[],"lease":null,
                 "findings":[{"code":"JOB_DUPLICATE_CLASSES","severity":"warning","message":"two copies","jars":["%1$s"]},
                             {"code":"JOB_DUPLICATE_IDENTIFIER","severity":"%3$s","message":"Multiple factories","jars":["%1$s"]}]}"""
                .formatted(sha, registry.baseUrl(), severity))));
        registry.stubFor(get(urlPathEqualTo(API + "/jars/" + sha)).willReturn(aResponse().withStatus(200).withBody(jar)));
        return Files.writeString(temp.resolve("job.sql"),
                "CREATE TABLE src (id BIGINT) WITH ('connector' = 'sequence', 'number-of-rows' = '5');");
    }

    @Test
    void resolveAndFetchPrintJobFindingsErrorsFirstAndExitOneOnAnError() throws IOException {
        Path sql = resolvingWithFindings("error");

        Run resolve = fcr("resolve", sql.toString());
        Run fetch = fcr("fetch", sql.toString(), "--print", "add_jar");

        assertThat(resolve.exitCode()).isEqualTo(1);
        assertThat(resolve.out()).contains("sequence-2.jar", "JAR", "SHA256").doesNotContain("/jars/");
        assertThat(resolve.err().lines().toList()).hasSize(2);
        assertThat(resolve.err().lines().findFirst().orElseThrow()).startsWith("error   JOB_DUPLICATE_IDENTIFIER");
        assertThat(resolve.err()).contains("warning JOB_DUPLICATE_CLASSES");
        assertThat(fetch.exitCode()).isEqualTo(1);
        // The statements are still printed, under the readable name.
        assertThat(fetch.out()).contains("ADD JAR '", "sequence-2-");
        assertThat(fetch.err()).contains("error   JOB_DUPLICATE_IDENTIFIER", "Multiple factories");
    }

    @Test
    void warningsAloneLeaveTheExitStatusZero() throws IOException {
        Path sql = resolvingWithFindings("warning");

        Run fetch = fcr("fetch", sql.toString());

        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.err()).contains("warning JOB_DUPLICATE_IDENTIFIER", "warning JOB_DUPLICATE_CLASSES");
        assertThat(fetch.out().strip()).endsWith(".jar").contains("sequence-2-");
    }

    @Test
    void listsAndReleasesLeases() {
        registry.stubFor(get(urlPathEqualTo(API + "/leases")).willReturn(okJson("""
                {"items":[{"jobId":"orders-job","principal":"token:ci","expiresAt":"2026-12-07T10:00:00.123Z",
                           "versions":[{"connector":"sequence","version":2}]}],"page":0,"size":500,"total":1}""")));
        registry.stubFor(delete(urlPathEqualTo(API + "/leases/orders-job")).willReturn(aResponse().withStatus(204)));

        Run list = fcr("lease", "list", "--connector", "sequence");
        Run release = fcr("lease", "release", "orders-job");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("JOB", "orders-job", "token:ci", "2026-12-07T10:00:00Z", "sequence 2", "1 of 1");
        registry.verify(getRequestedFor(urlPathEqualTo(API + "/leases")).withQueryParam("connector", equalTo("sequence")));
        assertThat(release.exitCode()).as(release.err()).isZero();
        assertThat(release.out()).contains("released the lease of job orders-job");
        registry.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/leases/orders-job")));
    }

    @Test
    void listsAndCreatesWorkspaces() {
        registry.stubFor(get(urlPathEqualTo("/api/v1/workspaces")).willReturn(okJson("""
                [{"name":"default","flinkVersion":"1.20","createdAt":"2026-12-01T00:00:00Z"},
                 {"name":"team-a","flinkVersion":"2.2","createdAt":"2026-12-02T00:00:00Z"}]""")));
        registry.stubFor(post(urlPathEqualTo("/api/v1/workspaces")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"team-b\",\"flinkVersion\":\"2.2\",\"createdAt\":\"2026-12-03T00:00:00Z\"}")));

        Run list = fcr("workspace", "list");
        Run create = fcr("workspace", "create", "team-b", "--flink", "2.2");

        assertThat(list.out()).contains("NAME", "FLINK", "default", "1.20", "team-a", "2.2");
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).contains("created workspace team-b for Flink 2.2");
        registry.verify(postRequestedFor(urlPathEqualTo("/api/v1/workspaces"))
                .withRequestBody(equalToJson("{\"name\":\"team-b\",\"flinkVersion\":\"2.2\"}")));
        assertThat(fcr("workspace", "create", "team-c").exitCode()).isEqualTo(2);
    }

    @Test
    void deletesAWholeConnectorOnlyWithYes() {
        registry.stubFor(delete(urlPathEqualTo(API + "/connectors/sequence")).willReturn(aResponse().withStatus(204)));

        Run refused = fcr("delete", "sequence");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes", "--version");
        registry.verify(0, anyRequestedFor(anyUrl()));

        Run confirmed = fcr("delete", "sequence", "--yes");

        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        registry.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/connectors/sequence")));
    }

    @Test
    void theBreakingChangeHintNamesTheCommandLinesFlag() {
        registry.stubFor(put(urlPathEqualTo(API + "/connectors/sequence/current")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":409,"code":"BREAKING_CHANGE","detail":"Rolling back breaks jobs (drops 'step'); repeat with force=true to register it anyway"}""")));

        Run run = fcr("current", "sequence", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("repeat with --force").doesNotContain("force=true");
    }

    @Test
    void diffShowsTypesAndDefaultsAndExitsOneWhenItBreaks() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/sequence/diff")).willReturn(okJson("""
                {"from":2,"to":1,"identifiersAdded":[],"identifiersRemoved":[],"optionsAdded":[],
                 "optionsRemoved":[{"identifier":"sequence","key":"step","before":{"type":"Long","defaultValue":"1","required":false},"after":null}],
                 "optionsChanged":[{"identifier":"sequence","key":"start","before":{"type":"Long","defaultValue":"0","required":false},
                                    "after":{"type":"Integer","defaultValue":null,"required":true}}],
                 "breakingChanges":["'sequence' no longer accepts option 'step'"]}""")));

        Run run = fcr("diff", "sequence", "2", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("- option sequence.step  Long, default 1, optional",
                "~ option sequence.start  type Long → Integer, default 0 → (none), now required", "(breaking)");
    }

    @Test
    void showKeepsEnumValuesAndSensitivityVisibleAndWideKeepsWholeDescriptions() {
        String longText = "A description that goes on and on, far longer than the table's column allows for it to be read whole.";
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/db")).willReturn(okJson("""
                {"workspace":"default","name":"db","currentVersion":1,"versionCount":1,"current":{"workspace":"default","connector":"db","version":1,"sha256":"%s","size":10,
                  "current":true,"createdBy":"me","createdAt":"2026-12-01T00:00:00Z",
                  "analysis":{"accepted":true,"durationMillis":1,"workerPeakRssKiB":-1,"factories":[{"className":"x.DbFactory","declared":true,"identifier":"db",
                    "families":["table-connector"],"capabilities":["source"],
                    "options":[{"key":"mode","type":"Enum","required":false,"forwarded":false,"description":"%s",
                                "enumValues":[{"value":"FAST"},{"value":"SAFE"}],"sensitive":false},
                               {"key":"password","type":"String","required":true,"forwarded":false,"description":"The password.","sensitive":true}]}]}}}"""
                .formatted("a".repeat(64), longText))));

        Run narrow = fcr("show", "db");
        Run wide = fcr("show", "db", "--wide");

        assertThat(narrow.exitCode()).as(narrow.err()).isZero();
        assertThat(narrow.out()).contains("Values: FAST, SAFE.", "[sensitive]", "(none)", "…").doesNotContain(longText);
        assertThat(wide.out()).contains(longText, "Values: FAST, SAFE.");
    }

    @Test
    void versionsShowShortDigestsAndFileNames() {
        String sha = "b".repeat(64);
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/sequence/versions")).willReturn(okJson("""
                [{"workspace":"default","connector":"sequence","version":1,"sha256":"%s","size":10,
                  "fileName":"sample-sequence-source.jar","sourceType":"UPLOAD","createdBy":"me",
                  "createdAt":"2026-12-01T10:00:00.123456Z","current":true}]""".formatted(sha))));

        Run run = fcr("versions", "sequence");

        assertThat(run.out()).contains("FILE", "sample-sequence-source.jar", "b".repeat(12) + " ", "2026-12-01T10:00:00Z")
                .doesNotContain("b".repeat(13), ".123456");
    }

    @Test
    void anUnknownFamilyIsNamedWithTheFamiliesThereAre() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(okJson("""
                {"items":[],"page":0,"size":50,"total":0}""")));

        Run run = fcr("list", "--family", "formats");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("'formats' is no family", "decoding-format", "encoding-format", "format");
    }
}
