package dev.flinkregistry.client;

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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.flinkregistry.client.RegistryClient.ResolveQuery;
import dev.flinkregistry.client.model.Resolution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The requests {@link Transport} sends over {@link PlainHttp} ({@code HttpURLConnection}), seen from
 * WireMock on 127.0.0.1: a JSON POST arrives with its body (non-ASCII included), the bearer token,
 * the client's User-Agent, {@code Content-Type: application/json} and {@code Accept: *}{@code /*}
 * (never HttpURLConnection's default), or exactly the one Accept the request set; a 307 is followed
 * with the same method, body and token, a 303 as a GET without a body, and the token never goes to
 * another origin; a 422 problem becomes its exception after one request; a 503 is retried with the
 * whole body; JSON bodies just under and over 1 MiB (the latter over java.net.http) arrive whole; and
 * a DELETE is sent as DELETE without a body, its 404 becoming {@link NotFoundException}.
 */
class PlainHttpRequestsTest {

    private static final String API = "/api/v1/workspaces/default";
    private static final String TOKEN = "s3cr3t";
    private static final String RESOLUTION = """
            {"workspace":"default","flinkVersion":"1.20","resolved":[],"jars":[],"builtIn":[],
             "lease":{"jobId":"job-1","expiresAt":"2026-01-01T00:00:00Z"}}""";
    private static final String SQL = "CREATE TABLE t (s STRING) WITH ('connector' = 'sequence') -- café ✓";
    private static final String BODY = """
            {"sql":"%s","jobId":"job-1","leaseSeconds":600}""".formatted(SQL);
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));

    @RegisterExtension
    static WireMockExtension registry = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private HttpRegistryClient client() {
        return RegistryClient.builder().server(registry.baseUrl()).token(TOKEN).retry(FAST)
                .requestTimeout(Duration.ofSeconds(10)).cacheDirectory(temp.resolve("cache")).build();
    }

    private static ResolveQuery query() {
        return ResolveQuery.sql(SQL).forJob("job-1", 600L);
    }

    private static LoggedRequest only(WireMockExtension server, String method, String path) {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(urlPathEqualTo(API + path)));
        assertThat(requests).singleElement().extracting(request -> request.getMethod().value()).isEqualTo(method);
        return requests.get(0);
    }

    @Test
    void sendsAJsonPostWithItsBodyTokenUserAgentContentTypeAndAnyAccept() {
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(okJson(RESOLUTION)));

        Resolution resolution = client().resolve(query());

        assertThat(resolution.lease().jobId()).isEqualTo("job-1");
        registry.verify(1, postRequestedFor(urlPathEqualTo(API + "/resolve"))
                .withRequestBody(equalToJson(BODY, false, true))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("User-Agent", equalTo(Transport.USER_AGENT))
                .withHeader("Content-Type", equalTo("application/json")));
        LoggedRequest sent = only(registry, "POST", "/resolve");
        assertThat(sent.getHeaders().getHeader("Accept").values()).as("never text/html, image/gif, ...")
                .containsExactly("*/*");
        assertThat(sent.getHeader("Content-Length")).isEqualTo(String.valueOf(sent.getBody().length));
        assertThat(new String(sent.getBody(), StandardCharsets.UTF_8)).contains("café ✓");
    }

    @Test
    void sendsExactlyTheAcceptTheRequestSetOnce() {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders-connectors\n";
        registry.stubFor(post(urlPathEqualTo(API + "/kubernetes")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/yaml").withBody(yaml)));

        String answer = client().kubernetes(query(), Map.of("kind", "ConfigMap", "name", "orders-connectors"));

        assertThat(answer).isEqualTo(yaml);
        registry.verify(postRequestedFor(urlPathEqualTo(API + "/kubernetes"))
                .withRequestBody(equalToJson("""
                        {"sql":"%s","jobId":"job-1","leaseSeconds":600,"kind":"ConfigMap","name":"orders-connectors"}"""
                        .formatted(SQL), false, true))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json")));
        assertThat(only(registry, "POST", "/kubernetes").getHeaders().getHeader("Accept").values())
                .containsExactly("application/yaml, application/problem+json");
    }

    @Test
    void follows307WithTheSameMethodBodyAndToken() {
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", API + "/resolve-here")));
        registry.stubFor(post(urlPathEqualTo(API + "/resolve-here")).willReturn(okJson(RESOLUTION)));

        assertThat(client().resolve(query()).lease().jobId()).isEqualTo("job-1");

        registry.verify(1, postRequestedFor(urlPathEqualTo(API + "/resolve-here"))
                .withRequestBody(equalToJson(BODY, false, true))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json")));
        registry.verify(1, postRequestedFor(urlPathEqualTo(API + "/resolve")));
    }

    @Test
    void follows303AsAGetWithoutABody() {
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(aResponse().withStatus(303)
                .withHeader("Location", API + "/resolutions/1")));
        registry.stubFor(get(urlPathEqualTo(API + "/resolutions/1")).willReturn(okJson(RESOLUTION)));

        assertThat(client().resolve(query()).lease().jobId()).isEqualTo("job-1");

        LoggedRequest followed = only(registry, "GET", "/resolutions/1");
        assertThat(followed.getBody()).isEmpty();
        assertThat(followed.containsHeader("Content-Type")).isFalse();
        assertThat(followed.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        registry.verify(0, postRequestedFor(urlPathEqualTo(API + "/resolutions/1")));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {307, 303})
    void neverSendsTheTokenToAnotherOriginARedirectPointsTo(int status) {
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(aResponse().withStatus(status)
                .withHeader("Location", elsewhere.baseUrl() + API + "/resolve")));
        elsewhere.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(okJson(RESOLUTION)));
        elsewhere.stubFor(get(urlPathEqualTo(API + "/resolve")).willReturn(okJson(RESOLUTION)));

        assertThat(client().resolve(query()).lease().jobId()).isEqualTo("job-1");

        registry.verify(1, postRequestedFor(urlPathEqualTo(API + "/resolve"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        LoggedRequest there = only(elsewhere, status == 307 ? "POST" : "GET", "/resolve");
        assertThat(there.containsHeader("Authorization")).as("the token stays with its origin").isFalse();
        assertThat(there.getHeader("User-Agent")).isEqualTo(Transport.USER_AGENT);
        if (status == 307) {
            elsewhere.verify(postRequestedFor(urlPathEqualTo(API + "/resolve"))
                    .withRequestBody(equalToJson(BODY, false, true)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file:///etc/passwd", "jar:file:///etc/x.jar!/a", "ftp://127.0.0.1/x", "http://[::1"})
    void neverFollowsARedirectAwayFromHttp(String location) throws Exception {
        Path secret = java.nio.file.Files.writeString(temp.resolve("secret.txt"), "do not read");
        String target = location.replace("/etc/passwd", secret.toUri().getPath());
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", target)));
        String sha = "a".repeat(64);
        registry.stubFor(get(urlPathEqualTo(API + "/jars/" + sha)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", target)));

        assertThatThrownBy(() -> client().resolve(query())).isInstanceOfSatisfying(RegistryProblemException.class,
                problem -> assertThat(problem.status()).isEqualTo(307));
        assertThatThrownBy(() -> client().download(java.net.URI.create(registry.baseUrl() + API + "/jars/" + sha), sha,
                temp.resolve("fetched.jar"))).isInstanceOf(RegistryProblemException.class);

        registry.verify(1, postRequestedFor(urlPathEqualTo(API + "/resolve")));
        assertThat(temp.resolve("fetched.jar")).as("nothing was written from what the redirect named").doesNotExist();
    }

    @Test
    void turnsAProblemIntoItsExceptionAfterOneRequest() {
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"status":422,"code":"UNRESOLVED_IDENTIFIERS","detail":"Nothing provides 'nope'",
                         "unresolved":[{"identifier":"nope","family":"any"}]}""")));

        assertThatThrownBy(() -> client().resolve(ResolveQuery.identifiers("nope")))
                .isExactlyInstanceOf(RegistryProblemException.class)
                .satisfies(e -> {
                    RegistryProblemException problem = (RegistryProblemException) e;
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.code()).isEqualTo("UNRESOLVED_IDENTIFIERS");
                    assertThat(problem.detail()).isEqualTo("Nothing provides 'nope'");
                });
        registry.verify(1, postRequestedFor(urlPathEqualTo(API + "/resolve")));
    }

    @Test
    void retriesA503WithTheWholeBodyAndReturnsTheSuccessThatFollows() {
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":503,\"code\":\"OVERLOADED\"}"))
                .willSetStateTo("free"));
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(RESOLUTION)));

        assertThat(client().resolve(query()).lease().jobId()).isEqualTo("job-1");

        registry.verify(2, postRequestedFor(urlPathEqualTo(API + "/resolve"))
                .withRequestBody(equalToJson(BODY, false, true))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    /** Just under 1 MiB goes over PlainHttp, above it over java.net.http: both arrive whole. */
    @ParameterizedTest(name = "{0} characters of SQL")
    @ValueSource(ints = {1_040_000, 1_500_000})
    void sendsALargeJsonBodyWhole(int length) {
        registry.stubFor(post(urlPathEqualTo(API + "/resolve")).willReturn(okJson(RESOLUTION)));
        StringBuilder sql = new StringBuilder("SELECT '");
        for (int i = 0; sql.length() < length - 2; i++) {
            sql.append((char) ('a' + i % 26));
        }
        String script = sql.append("';").toString();

        client().resolve(ResolveQuery.sql(script).forJob("job-1", 600L));

        LoggedRequest sent = only(registry, "POST", "/resolve");
        byte[] expected = Json.MAPPER.writeValueAsBytes(Map.of("sql", script));
        assertThat(sent.getBody().length).isGreaterThan(expected.length);
        assertThat(sent.getHeader("Content-Length")).isEqualTo(String.valueOf(sent.getBody().length));
        assertThat(Json.MAPPER.readTree(sent.getBody()).path("sql").asString()).isEqualTo(script);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        // PlainHttp sends Accept: */*, java.net.http none: each size took the path it should.
        assertThat(sent.containsHeader("Accept")).isEqualTo(sent.getBody().length <= 1 << 20);
    }

    @Test
    void sendsDeletesAsDeleteWithoutABody() {
        registry.stubFor(delete(urlPathEqualTo(API + "/leases/job-1")).willReturn(aResponse().withStatus(204)));
        registry.stubFor(delete(urlPathEqualTo(API + "/connectors/old%20one")).willReturn(aResponse().withStatus(204)));
        HttpRegistryClient client = client();

        client.releaseLease("job-1");
        client.deleteConnector("old one");

        for (String path : List.of("/leases/job-1", "/connectors/old%20one")) {
            LoggedRequest sent = only(registry, "DELETE", path);
            assertThat(sent.getBody()).as(path).isEmpty();
            assertThat(sent.containsHeader("Content-Type")).as(path).isFalse();
            assertThat(sent.containsHeader("Transfer-Encoding")).as(path).isFalse();
            assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(sent.getHeaders().getHeader("Accept").values()).containsExactly("*/*");
        }
    }

    @Test
    void turnsANotFoundDeleteIntoNotFoundException() {
        registry.stubFor(delete(urlPathEqualTo(API + "/leases/gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"code\":\"LEASE_NOT_FOUND\",\"detail\":\"no lease\"}")));

        assertThatThrownBy(() -> client().releaseLease("gone")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.code()).isEqualTo("LEASE_NOT_FOUND"));
        registry.verify(1, deleteRequestedFor(urlPathEqualTo(API + "/leases/gone")));
    }
}
