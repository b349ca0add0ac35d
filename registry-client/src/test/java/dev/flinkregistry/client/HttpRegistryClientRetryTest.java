package dev.flinkregistry.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import dev.flinkregistry.client.model.Connector;
import dev.flinkregistry.client.model.UploadResult;
import dev.flinkregistry.testsupport.Loopback;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the HTTP client survives failing servers, seen from two WireMock servers on 127.0.0.1.
 * Scenarios: one transient answer (500, 502, 503, 429, 408) before a success; refusals (400, 404,
 * 409, 422) that must be neither repeated nor sent to the other server; Retry-After (honoured, and
 * capped by the largest backoff); a server that stalls past
 * the request timeout; a first address where nothing listens; every address down; every attempt
 * answered 503; an upload retried after a 503 (the whole body must be sent again); the bearer
 * token and the workspace in every request.
 */
class HttpRegistryClientRetryTest {

    private static final String CONNECTOR_PATH = "/api/v1/workspaces/default/connectors/sequence";
    private static final String CONNECTOR_JSON = """
            {"workspace":"default","name":"sequence","currentVersion":1,"versionCount":1,
             "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}""";
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20));

    @RegisterExtension
    static WireMockExtension first = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    static WireMockExtension second = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    private HttpRegistryClient client(RetryPolicy retry, String... servers) {
        return RegistryClient.builder().servers(List.of(servers)).retry(retry)
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5))
                .cacheDirectory(temp.resolve("cache")).build();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 429, 408})
    void retriesATransientAnswerAndReturnsTheSuccessThatFollows(int status) {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(status)).willSetStateTo("recovered"));
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(CONNECTOR_JSON)));

        Connector connector = client(FAST, first.baseUrl()).connector("sequence");

        assertThat(connector.name()).isEqualTo("sequence");
        first.verify(2, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
    }

    @Test
    void waitsAsLongAsRetryAfterAsksBeforeTheNextAttempt() {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("free"));
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(CONNECTOR_JSON)));
        RetryPolicy patient = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofSeconds(5));

        long started = System.nanoTime();
        client(patient, first.baseUrl()).connector("sequence");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
        first.verify(2, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
    }

    @Test
    void waitsAsLongAsRetryAfterAsksBeforeDownloadingAgain() {
        byte[] jar = TestJars.bytes(30_000, 14);
        String path = "/api/v1/workspaces/default/jars/" + TestJars.sha256(jar);
        first.stubFor(get(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        first.stubFor(get(urlPathEqualTo(path)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody(jar)));
        RetryPolicy patient = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofSeconds(5));

        long started = System.nanoTime();
        Path fetched = client(patient, first.baseUrl()).fetch(TestJars.sha256(jar));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
        assertThat(fetched).hasBinaryContent(jar);
    }

    @Test
    void waitsNoLongerThanTheLargestBackoffWhateverRetryAfterAsks() {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "3600")));
        second.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(okJson(CONNECTOR_JSON)));
        RetryPolicy brief = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(100));

        long started = System.nanoTime();
        client(brief, first.baseUrl(), second.baseUrl()).connector("sequence");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        second.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({"400,INVALID_REQUEST", "404,CONNECTOR_NOT_FOUND", "409,VERSION_IS_CURRENT",
        "422,UNRESOLVED_IDENTIFIERS"})
    void neverRepeatsARefusalNorSendsItToTheNextServer(int status, String code) {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"refused\"}")));
        second.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(okJson(CONNECTOR_JSON)));

        assertThatThrownBy(() -> client(FAST, first.baseUrl(), second.baseUrl()).connector("sequence"))
                .isInstanceOfSatisfying(RegistryProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(status);
                    assertThat(problem.code()).isEqualTo(code);
                });
        first.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
        second.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void retriesAStalledServerOnTheNextAddress() {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH))
                .willReturn(okJson(CONNECTOR_JSON).withFixedDelay(3_000)));
        second.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(okJson(CONNECTOR_JSON)));
        HttpRegistryClient client = RegistryClient.builder().server(first.baseUrl()).server(second.baseUrl())
                .retry(FAST).requestTimeout(Duration.ofMillis(400)).cacheDirectory(temp).build();

        long started = System.nanoTime();
        Connector connector = client.connector("sequence");

        assertThat(connector.name()).isEqualTo("sequence");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
        first.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
        second.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
    }

    @Test
    void failsOverFromAServerThatStallsInTheMiddleOfADownload() throws Exception {
        byte[] jar = TestJars.bytes(100_000, 8);
        String path = "/api/v1/workspaces/default/jars/" + TestJars.sha256(jar);
        second.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(jar)));
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ServerSocket stalling = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            threads.submit(() -> {
                try (Socket connection = stalling.accept()) {
                    connection.getInputStream().read(new byte[8192]);
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/java-archive\r\nContent-Length: "
                            + jar.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(jar, 0, 1_000);
                    out.flush();
                    release.await();
                }
                return null;
            });
            HttpRegistryClient client = RegistryClient.builder().server("http://127.0.0.1:" + stalling.getLocalPort())
                    .server(second.baseUrl()).retry(FAST).requestTimeout(Duration.ofMillis(400)).cacheDirectory(temp)
                    .build();

            Future<Path> fetched = threads.submit(() -> client.fetch(TestJars.sha256(jar)));

            assertThat(fetched.get(10, TimeUnit.SECONDS)).hasBinaryContent(jar);
            second.verify(1, getRequestedFor(urlPathEqualTo(path)));
            // Nothing of the abandoned attempt stays in the cache (its file is removed with the download's).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!strayFiles(temp).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(strayFiles(temp)).isEmpty();
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void failsOverFromAServerThatCutsADownloadShort() throws Exception {
        byte[] jar = TestJars.bytes(100_000, 11);
        String path = "/api/v1/workspaces/default/jars/" + TestJars.sha256(jar);
        second.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(jar)));
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (ServerSocket cutting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            threads.submit(() -> {
                try (Socket connection = cutting.accept()) {
                    connection.getInputStream().read(new byte[8192]);
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/java-archive\r\nContent-Length: "
                            + jar.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(jar, 0, 30_000);
                }
                return null;
            });
            Path cache = temp.resolve("cache");
            HttpRegistryClient client = RegistryClient.builder().server("http://127.0.0.1:" + cutting.getLocalPort())
                    .server(second.baseUrl()).retry(FAST).cacheDirectory(cache).build();

            Path fetched = client.fetch(TestJars.sha256(jar));

            assertThat(fetched).hasBinaryContent(jar);
            second.verify(1, getRequestedFor(urlPathEqualTo(path)));
            assertThat(strayFiles(cache)).as("nothing of the cut-short attempt is left").isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void neverRepeatsARefusedDownloadNorAsksTheNextServer() {
        String path = "/api/v1/workspaces/default/jars/" + "ab".repeat(32);
        first.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"code\":\"JAR_NOT_FOUND\",\"detail\":\"no such JAR\"}")));
        second.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("x")));

        assertThatThrownBy(() -> client(FAST, first.baseUrl(), second.baseUrl()).fetch("ab".repeat(32)))
                .isInstanceOfSatisfying(NotFoundException.class,
                        problem -> assertThat(problem.code()).isEqualTo("JAR_NOT_FOUND"));
        first.verify(1, getRequestedFor(urlPathEqualTo(path)));
        second.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Files in a cache directory that are neither a cached JAR, its verification mark nor its lock. */
    private static List<Path> strayFiles(Path cache) throws IOException {
        try (var files = Files.walk(cache)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString();
                return !(name.endsWith(".jar") || name.endsWith(".jar.verified") || name.endsWith(".lock"));
            }).toList();
        }
    }

    @Test
    void downloadsAJarAgainAfterAServerError() {
        byte[] jar = TestJars.bytes(40_000, 9);
        String path = "/api/v1/workspaces/default/jars/" + TestJars.sha256(jar);
        first.stubFor(get(urlPathEqualTo(path)).inScenario("download").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")).willSetStateTo("up"));
        first.stubFor(get(urlPathEqualTo(path)).inScenario("download").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(jar)));

        Path fetched = client(FAST, first.baseUrl()).fetch(TestJars.sha256(jar));

        assertThat(fetched).hasBinaryContent(jar);
        first.verify(2, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void downloadsAJarSmallerThanTheErrorPageOfAFailedAttempt() {
        byte[] jar = TestJars.bytes(20_000, 10);
        String path = "/api/v1/workspaces/default/jars/" + TestJars.sha256(jar);
        first.stubFor(get(urlPathEqualTo(path)).inScenario("download").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html>" + "overloaded ".repeat(6_000) + "</html>"))
                .willSetStateTo("up"));
        first.stubFor(get(urlPathEqualTo(path)).inScenario("download").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(jar)));

        Path fetched = client(FAST, first.baseUrl()).fetch(TestJars.sha256(jar));

        assertThat(fetched).hasBinaryContent(jar);
    }

    @Test
    void failsOverFromAnAddressWhereNothingListens() {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(okJson(CONNECTOR_JSON)));

        Connector connector = client(FAST, Loopback.closedAddress(), first.baseUrl()).connector("sequence");

        assertThat(connector.name()).isEqualTo("sequence");
        first.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
    }

    @Test
    void keepsUsingTheServerThatAnsweredAfterAFailover() {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(aResponse().withStatus(503)));
        second.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(okJson(CONNECTOR_JSON)));
        HttpRegistryClient client = client(FAST, first.baseUrl(), second.baseUrl());

        client.connector("sequence");
        client.connector("sequence");
        client.connector("sequence");

        first.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
        second.verify(3, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
    }

    @Test
    void givesUpWithUnavailableAfterMaxAttemptsWhenNoAddressListens() {
        RetryPolicy threeAttempts = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(10));

        assertThatThrownBy(() -> client(threeAttempts, Loopback.closedAddress(), Loopback.closedAddress())
                .connector("sequence"))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("after 3 attempts")
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void givesUpWithUnavailableAfterMaxAttemptsOfServerErrors() {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(aResponse().withStatus(503)));
        RetryPolicy threeAttempts = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(10));

        assertThatThrownBy(() -> client(threeAttempts, first.baseUrl()).connector("sequence"))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        first.verify(3, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
    }

    @Test
    void makesOneAttemptWithoutRetries() {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> client(RetryPolicy.none(), first.baseUrl(), second.baseUrl()).connector("sequence"))
                .isInstanceOf(RegistryUnavailableException.class);
        first.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)));
        second.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sendsTheWholeUploadAgainWhenItIsRetried() {
        byte[] jar = TestJars.bytes(300_000, 7);
        Path file = TestJars.write(temp, "sequence.jar", jar);
        String path = "/api/v1/workspaces/default/connectors";
        first.stubFor(post(urlPathEqualTo(path)).inScenario("upload").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        first.stubFor(post(urlPathEqualTo(path)).inScenario("upload").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"created":true,"version":{"workspace":"default","connector":"sequence","version":1,
                         "sha256":"%s","size":%d,"current":true}}""".formatted(TestJars.sha256(jar), jar.length))));
        List<long[]> progress = new CopyOnWriteArrayList<>();
        HttpRegistryClient client = RegistryClient.builder().server(first.baseUrl()).retry(FAST)
                .cacheDirectory(temp).uploadProgress((sent, total) -> progress.add(new long[] {sent, total})).build();

        UploadResult result = client.register("sequence", file);

        assertThat(result.created()).isTrue();
        assertThat(result.version().sha256()).isEqualTo(TestJars.sha256(jar));
        first.verify(2, postRequestedFor(urlPathEqualTo(path))
                .withQueryParam("name", equalTo("sequence"))
                .withQueryParam("fileName", equalTo("sequence.jar"))
                .withHeader("Content-Type", equalTo("application/java-archive"))
                .withRequestBody(binaryEqualTo(jar)));
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(jar.length, jar.length);
    }

    @Test
    void sendsTheBearerTokenWithEveryRequest() {
        byte[] jar = TestJars.bytes(10_000, 12);
        String jarPath = "/api/v1/workspaces/default/jars/" + TestJars.sha256(jar);
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(okJson(CONNECTOR_JSON)));
        first.stubFor(get(urlPathEqualTo(jarPath)).willReturn(aResponse().withStatus(200).withBody(jar)));

        HttpRegistryClient client = RegistryClient.builder().server(first.baseUrl()).token("s3cr3t")
                .cacheDirectory(temp).build();
        client.connector("sequence");
        client.fetch(TestJars.sha256(jar));

        first.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH))
                .withHeader("Authorization", equalTo("Bearer s3cr3t")));
        first.verify(1, getRequestedFor(urlPathEqualTo(jarPath)).withHeader("Authorization", equalTo("Bearer s3cr3t")));
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() {
        first.stubFor(get(urlPathEqualTo(CONNECTOR_PATH)).willReturn(okJson(CONNECTOR_JSON)));

        client(FAST, first.baseUrl()).connector("sequence");

        first.verify(1, getRequestedFor(urlPathEqualTo(CONNECTOR_PATH)).withHeader("Authorization", absent()));
    }

    @Test
    void addressesTheConfiguredWorkspaceAndToleratesATrailingSlash() {
        String path = "/api/v1/workspaces/team-a/connectors/sequence";
        first.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(CONNECTOR_JSON)));

        RegistryClient client = RegistryClient.builder().server(first.baseUrl() + "/").workspace("team-a")
                .cacheDirectory(temp).build();
        client.connector("sequence");

        assertThat(client.workspace()).isEqualTo("team-a");
        first.verify(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void refusesToBuildWithoutAServer() {
        assertThatThrownBy(() -> RegistryClient.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesARetryPolicyWithoutAnAttempt() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
