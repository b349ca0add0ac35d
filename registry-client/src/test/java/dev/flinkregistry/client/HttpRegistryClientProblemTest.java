package dev.flinkregistry.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.flinkregistry.client.RegistryClient.ListQuery;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.model.ConnectorSummary;
import dev.flinkregistry.client.model.Finding;
import dev.flinkregistry.client.model.Page;
import dev.flinkregistry.client.model.Resolution;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTP client makes of the registry's answers: problem documents become typed exceptions
 * with their code, detail and extra members, and downloads land only verified in the cache. Bad
 * answers: 404 CONNECTOR_NOT_FOUND, 409 IDENTIFIER_ALREADY_REGISTERED (owner), 409 BREAKING_CHANGE
 * (diff), 422 ANALYSIS_REFUSED (findings), 422 UNRESOLVED_IDENTIFIERS, 413 JAR_TOO_LARGE, an HTML
 * error page from a proxy, an empty 404, a download of unknown bytes, a download of wrong bytes.
 */
class HttpRegistryClientProblemTest {

    private static final String API = "/api/v1/workspaces/default";

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private HttpRegistryClient client() {
        return RegistryClient.builder().server(registry.baseUrl()).cacheDirectory(temp.resolve("cache"))
                .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(10)).build();
    }

    private static void answer(String path, int status, String problemJson) {
        registry.stubFor(any(urlPathEqualTo(API + path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json").withBody(problemJson)));
    }

    @Test
    void mapsConnectorNotFoundToNotFoundException() {
        answer("/connectors/nope", 404, """
                {"type":"urn:flink-connector-registry:problem:connector_not_found","title":"Not Found","status":404,
                 "detail":"Connector 'nope' does not exist in workspace 'default'","code":"CONNECTOR_NOT_FOUND"}""");

        assertThatThrownBy(() -> client().connector("nope")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo("CONNECTOR_NOT_FOUND");
            assertThat(e.detail()).isEqualTo("Connector 'nope' does not exist in workspace 'default'");
            assertThat(e.getMessage()).contains("CONNECTOR_NOT_FOUND");
        });
    }

    @Test
    void mapsATakenIdentifierToConflictWithItsOwner() {
        answer("/connectors", 409, """
                {"status":409,"code":"IDENTIFIER_ALREADY_REGISTERED","detail":"'sequence' is taken",
                 "family":"table-connector","identifier":"sequence","owner":"sequence-source"}""");
        Path jar = TestJars.write(temp, "copy.jar", TestJars.bytes(100, 1));

        assertThatThrownBy(() -> client().register("copy", jar)).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.code()).isEqualTo("IDENTIFIER_ALREADY_REGISTERED");
            assertThat(e.owner()).isEqualTo("sequence-source");
            assertThat(e.properties()).containsEntry("identifier", "sequence")
                    .containsEntry("family", "table-connector");
        });
    }

    @Test
    void mapsABreakingChangeToConflictCarryingTheDiff() {
        answer("/connectors/sequence/versions", 409, """
                {"status":409,"code":"BREAKING_CHANGE","detail":"would break jobs",
                 "diff":{"from":1,"to":0,"breakingChanges":["drops 'sequence' (table-connector)"]}}""");
        Path jar = TestJars.write(temp, "v2.jar", TestJars.bytes(100, 2));

        assertThatThrownBy(() -> client().update("sequence", jar, false))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("BREAKING_CHANGE");
                    assertThat(e.owner()).isNull();
                    assertThat(e.properties().get("diff")).isInstanceOfSatisfying(Map.class, diff ->
                            assertThat(diff.get("breakingChanges")).isEqualTo(
                                    List.of("drops 'sequence' (table-connector)")));
                });
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/connectors/sequence/versions"))
                .withQueryParam("force", equalTo("false")));
    }

    @Test
    void mapsARefusedAnalysisToAnalysisRefusedWithItsFindings() {
        answer("/connectors", 422, """
                {"status":422,"code":"ANALYSIS_REFUSED","detail":"The JAR cannot be registered",
                 "findings":[{"code":"FACTORY_STATIC_INIT_FAILED","severity":"ERROR","message":"boom",
                              "subject":"dev.example.BoomFactory","details":["java.lang.IllegalStateException: boom"]},
                             {"code":"UNRELOCATED_LIBRARY","severity":"WARNING","message":"guava",
                              "subject":"com.google.common","details":[]}],
                 "factories":[]}""");
        Path jar = TestJars.write(temp, "boom.jar", TestJars.bytes(100, 3));

        assertThatThrownBy(() -> client().register("boom", jar))
                .isInstanceOfSatisfying(AnalysisRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("ANALYSIS_REFUSED");
                    assertThat(e.findings()).extracting(Finding::code, Finding::severity, Finding::subject)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("FACTORY_STATIC_INIT_FAILED", "ERROR",
                                            "dev.example.BoomFactory"),
                                    org.assertj.core.groups.Tuple.tuple("UNRELOCATED_LIBRARY", "WARNING",
                                            "com.google.common"));
                    assertThat(e.findings().get(0).details()).containsExactly("java.lang.IllegalStateException: boom");
                    assertThat(e.properties()).containsKey("factories");
                });
    }

    @Test
    void mapsOtherUnprocessableAnswersToAPlainProblem() {
        answer("/resolve", 422, """
                {"status":422,"code":"UNRESOLVED_IDENTIFIERS","detail":"Nothing provides 'nope'",
                 "unresolved":[{"identifier":"nope","family":"any"}]}""");

        assertThatThrownBy(() -> client().resolve(ResolveQuery.identifiers("nope")))
                .isExactlyInstanceOf(RegistryProblemException.class)
                .satisfies(e -> {
                    RegistryProblemException problem = (RegistryProblemException) e;
                    assertThat(problem.code()).isEqualTo("UNRESOLVED_IDENTIFIERS");
                    assertThat(problem.properties().get("unresolved"))
                            .isEqualTo(List.of(Map.of("identifier", "nope", "family", "any")));
                });
    }

    @Test
    void keepsTheStatusAndMembersOfATooLargeUpload() {
        answer("/analysis", 413, "{\"status\":413,\"code\":\"JAR_TOO_LARGE\",\"detail\":\"too big\",\"maxBytes\":1024}");
        Path jar = TestJars.write(temp, "big.jar", TestJars.bytes(2048, 4));

        assertThatThrownBy(() -> client().analyze(jar)).isInstanceOfSatisfying(RegistryProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.code()).isEqualTo("JAR_TOO_LARGE");
            assertThat(((Number) e.properties().get("maxBytes")).longValue()).isEqualTo(1024L);
        });
    }

    @Test
    void explainsAnErrorPageThatIsNotAProblemDocument() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/sequence")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad gateway config</body></html>")));

        assertThatThrownBy(() -> client().connector("sequence"))
                .isInstanceOfSatisfying(RegistryProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("HTTP_400");
                    assertThat(e.detail()).contains("Bad gateway config");
                });
    }

    @Test
    void mapsAnEmptyNotFoundToNotFoundWithAnHttpCode() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors/sequence")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> client().connector("sequence"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("HTTP_404"));
    }

    @Test
    void sendsListFiltersAsQueryParameters() {
        registry.stubFor(get(urlPathEqualTo(API + "/connectors")).willReturn(okJson("""
                {"items":[{"name":"sequence","currentVersion":2,"updatedAt":"2026-01-01T00:00:00Z",
                  "factories":[{"identifier":"sequence","families":["table-connector"],
                                "capabilities":["source","lookup"]}]}],
                 "page":1,"size":5,"total":6}""")));

        Page<ConnectorSummary> page = client().list(ListQuery.all().withIdentifier("sequence")
                .withFamily("table-connector").withCapability("lookup").withText("seq uence").withPage(1, 5));

        assertThat(page.total()).isEqualTo(6);
        assertThat(page.items()).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo("sequence");
            assertThat(item.factories().get(0).capabilities()).containsExactly("source", "lookup");
        });
        registry.verify(getRequestedFor(urlPathEqualTo(API + "/connectors"))
                .withQueryParam("identifier", equalTo("sequence"))
                .withQueryParam("family", equalTo("table-connector"))
                .withQueryParam("capability", equalTo("lookup"))
                .withQueryParam("q", equalTo("seq uence"))
                .withQueryParam("page", equalTo("1"))
                .withQueryParam("size", equalTo("5")));
    }

    @Test
    void sendsResolveQueriesAsJsonWithTheJobAndLease() {
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(okJson("""
                {"workspace":"default","flinkVersion":"1.20",
                 "resolved":[{"identifier":"sequence","family":"table-connector","connector":"sequence","version":1,
                              "sha256":"%s","size":10,"url":"http://x/jars/a"}],
                 "jars":[{"connector":"sequence","version":1,"sha256":"%s","size":10,"url":"http://x/jars/a"}],
                 "builtIn":[{"identifier":"json","family":"format"}],
                 "lease":{"jobId":"job-1","expiresAt":"2026-01-01T00:00:00Z"}}""".formatted("a".repeat(64),
                "a".repeat(64)))));

        Resolution resolution = client().resolve(new ResolveQuery(List.of(
                new ResolveQuery.Wanted("sequence", "table-connector"), new ResolveQuery.Wanted("json", "format")),
                null, "job-1", 600L));

        assertThat(resolution.lease().jobId()).isEqualTo("job-1");
        assertThat(resolution.jars()).singleElement().extracting(Resolution.Jar::sha256).isEqualTo("a".repeat(64));
        assertThat(resolution.builtIn()).containsExactly(new Resolution.BuiltIn("json", "format"));
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/resolve"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"identifiers":[{"identifier":"sequence","family":"table-connector"},
                                        {"identifier":"json","family":"format"}],
                         "jobId":"job-1","leaseSeconds":600}""", true, true)));
    }

    @Test
    void fetchesVerifiedBytesOnceAndServesThemFromTheCacheAfterwards() throws IOException {
        byte[] jar = TestJars.bytes(50_000, 5);
        String sha = TestJars.sha256(jar);
        registry.stubFor(get(urlPathEqualTo(API + "/jars/" + sha)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/java-archive").withBody(jar)));
        HttpRegistryClient client = client();

        Path first = client.fetch(sha);
        Path second = client.fetch(sha);

        assertThat(first).isEqualTo(second).isEqualTo(client.cache().fileOf(sha));
        assertThat(Files.readAllBytes(first)).isEqualTo(jar);
        registry.verify(1, getRequestedFor(urlPathEqualTo(API + "/jars/" + sha)));
    }

    @Test
    void mapsADownloadOfUnknownBytesToNotFoundAndCachesNothing() throws IOException {
        String sha = "b".repeat(64);
        answer("/jars/" + sha, 404, "{\"status\":404,\"code\":\"VERSION_NOT_FOUND\",\"detail\":\"no such bytes\"}");

        assertThatThrownBy(() -> client().fetch(sha)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("VERSION_NOT_FOUND"));
        assertThat(filesIn(temp.resolve("cache"))).noneMatch(p -> p.toString().endsWith(".jar"))
                .noneMatch(p -> p.toString().endsWith(".part"));
    }

    @Test
    void refusesDownloadedBytesWithAnotherDigestAndCachesNothing() throws IOException {
        byte[] expected = TestJars.bytes(10_000, 6);
        String sha = TestJars.sha256(expected);
        registry.stubFor(get(urlPathEqualTo(API + "/jars/" + sha)).willReturn(aResponse().withStatus(200)
                .withBody(TestJars.bytes(10_000, 66))));

        assertThatThrownBy(() -> client().fetch(sha)).isInstanceOf(RegistryClientException.class)
                .hasMessageContaining(sha);
        assertThat(filesIn(temp.resolve("cache"))).noneMatch(p -> p.toString().endsWith(".jar"))
                .noneMatch(p -> p.toString().endsWith(".part"));
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
