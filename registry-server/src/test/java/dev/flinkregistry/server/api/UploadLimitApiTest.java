package dev.flinkregistry.server.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The maximum JAR size ({@code registry.uploads.max-jar-size=1MB}) holds however the JAR is sent, and a
 * refused JAR leaves nothing behind.
 *
 * <p>Bad inputs tried: 2 MB sent as a raw body with Content-Length, as a chunked raw body without
 * one, as a multipart form, to the analysis endpoint, and served at a URL.
 */
abstract class UploadLimitApiTest extends RegistryApiTest {

    private static final long MAX_BYTES = 1024 * 1024;
    private static final byte[] TWO_MB = randomBytes(2 * 1024 * 1024);

    private WireMockServer jarHost;

    @Override
    Map<String, Object> settings() {
        return Map.of("registry.uploads.max-jar-size", "1MB", "registry.urls.allow-private-addresses", "true");
    }

    @BeforeAll
    void startJarHost() {
        jarHost = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().jettyStopTimeout(100L));
        jarHost.start();
    }

    @AfterAll
    void stopJarHost() {
        if (jarHost != null) {
            jarHost.stop();
        }
    }

    @AfterEach
    void leavesNothingBehind() throws IOException {
        assertThat(storedBlobs()).isEmpty();
        try (var scratch = Files.list(registry.dataDir().resolve("tmp"))) {
            assertThat(scratch.toList()).isEmpty();
        }
    }

    @Test
    void refusesRawJarLargerThanTheMaximum() {
        String workspace = newWorkspace();

        Answer answer = http.post(workspace + "/connectors?name=large", "application/java-archive", TWO_MB);

        assertThat(assertProblem(answer, 413, "JAR_TOO_LARGE").path("maxBytes").asLong()).isEqualTo(MAX_BYTES);
        assertProblem(http.get(workspace + "/connectors/large"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void refusesChunkedRawJarOnceItPassesTheMaximum() {
        String workspace = newWorkspace();
        HttpRequest chunked = http.request(workspace + "/connectors?name=large", "Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(TWO_MB))).build();

        Answer answer = http.send(chunked);

        assertThat(assertProblem(answer, 413, "JAR_TOO_LARGE").path("maxBytes").asLong()).isEqualTo(MAX_BYTES);
        assertProblem(http.get(workspace + "/connectors/large"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void refusesMultipartJarLargerThanTheMaximum() {
        String workspace = newWorkspace();
        Multipart form = new Multipart().field("name", "large").file("file", "large.jar", TWO_MB);

        Answer answer = http.post(workspace + "/connectors", form.contentType(), form.bytes());

        assertProblem(answer, 413, "JAR_TOO_LARGE");
        assertProblem(http.get(workspace + "/connectors/large"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void refusesAnalysisOfJarLargerThanTheMaximum() {
        Multipart form = new Multipart().file("file", "large.jar", TWO_MB);

        assertProblem(http.post(newWorkspace() + "/analysis", "application/java-archive", TWO_MB), 413, "JAR_TOO_LARGE");
        assertProblem(http.post(newWorkspace() + "/analysis", form.contentType(), form.bytes()), 413, "JAR_TOO_LARGE");
    }

    @Test
    void refusesUrlServingJarLargerThanTheMaximum() {
        String workspace = newWorkspace();
        jarHost.stubFor(get("/large.jar").willReturn(aResponse().withBody(TWO_MB)));

        Answer answer = http.postJson(workspace + "/connectors",
                body("name", "large", "url", "http://127.0.0.1:" + jarHost.port() + "/large.jar"));

        assertProblem(answer, 413, "JAR_TOO_LARGE");
        assertProblem(http.get(workspace + "/connectors/large"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void analysesJarUnderTheMaximum() {
        Answer answer = http.postJar(newWorkspace() + "/analysis", TestJars.sequenceV1());

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode analysis = answer.json();
        assertThat(analysis.path("accepted").asBoolean()).isTrue();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
