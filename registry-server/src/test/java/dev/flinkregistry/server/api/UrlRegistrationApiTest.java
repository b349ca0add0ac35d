package dev.flinkregistry.server.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.flinkregistry.server.support.RegistryHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Registering from a URL (DESIGN rule 8) against a real HTTP server (WireMock on 127.0.0.1), with
 * a registry started with {@code registry.urls.allow-private-addresses=true} so it may reach it.
 *
 * <p>Bad inputs tried: a sha256 that does not match what the URL serves, a URL answering 404, a
 * URL whose content changes after registration (the version must not change); a dependency URL whose
 * bytes do not match its sha256 (nothing stored).
 */
abstract class UrlRegistrationApiTest extends RegistryApiTest {

    private final byte[] v1 = bytes(TestJars.sequenceV1());
    private final byte[] v2 = bytes(TestJars.sequenceV2());
    private WireMockServer jarHost;

    @Override
    Map<String, Object> settings() {
        return Map.of("registry.urls.allow-private-addresses", "true");
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

    @BeforeEach
    void forgetStubs() {
        jarHost.resetAll();
    }

    @Test
    void registersJarFromUrlAsImmutableSnapshot() {
        String workspace = newWorkspace();
        serve("/releases/sequence-1.0.jar", v1);
        String url = url("/releases/sequence-1.0.jar");

        Answer answer = http.postJson(workspace + "/connectors", body("name", "sequence", "url", url));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        JsonNode version = answer.json().path("version");
        assertThat(version.path("sourceType").asString()).isEqualTo("URL");
        assertThat(version.path("sourceUrl").asString()).isEqualTo(url);
        assertThat(version.path("fileName").asString()).isEqualTo("sequence-1.0.jar");
        assertThat(version.path("sha256").asString()).isEqualTo(sha256(v1));
        assertThat(version.path("analysis").path("accepted").asBoolean()).isTrue();

        serve("/releases/sequence-1.0.jar", v2);

        Answer download = http.get(workspace + "/connectors/sequence/versions/1/jar");
        assertThat(download.bytes()).isEqualTo(v1);
        JsonNode stored = http.get(workspace + "/connectors/sequence/versions/1").json();
        assertThat(stored.path("sha256").asString()).isEqualTo(sha256(v1));
        assertThat(stored.path("sourceUrl").asString()).isEqualTo(url);
    }

    @Test
    void updatesFromUrlWithNewBytesAsNewVersion() {
        String workspace = newWorkspace();
        serve("/latest/sequence.jar", v1);
        String url = url("/latest/sequence.jar");
        assertThat(http.postJson(workspace + "/connectors", body("name", "sequence", "url", url)).status())
                .isEqualTo(201);
        serve("/latest/sequence.jar", v2);

        Answer update = http.postJson(workspace + "/connectors/sequence/versions", body("url", url));

        assertThat(update.status()).as(update.text()).isEqualTo(201);
        assertThat(update.json().path("version").path("version").asInt()).isEqualTo(2);
        assertThat(update.json().path("version").path("sha256").asString()).isEqualTo(sha256(v2));
        assertThat(update.json().path("version").path("sourceType").asString()).isEqualTo("URL");
        assertThat(each(update.json().path("diff").path("optionsAdded"), "key")).containsExactly("step");
        assertThat(http.get(workspace + "/connectors/sequence/versions/1/jar").bytes()).isEqualTo(v1);
    }

    @Test
    void acceptsExpectedChecksumInAnyCase() {
        String workspace = newWorkspace();
        serve("/sequence.jar", v1);

        Answer answer = http.postJson(workspace + "/connectors",
                body("name", "sequence", "url", url("/sequence.jar"), "sha256", sha256(v1).toUpperCase(Locale.ROOT)));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.json().path("version").path("sha256").asString()).isEqualTo(sha256(v1));
    }

    @Test
    void refusesDownloadWhoseChecksumDiffers() throws IOException {
        String workspace = newWorkspace();
        serve("/sequence.jar", v1);
        List<Path> blobsBefore = storedBlobs();

        Answer answer = http.postJson(workspace + "/connectors",
                body("name", "sequence", "url", url("/sequence.jar"), "sha256", sha256(v2)));

        JsonNode problem = assertProblem(answer, 422, "CHECKSUM_MISMATCH");
        assertThat(problem.path("expected").asString()).isEqualTo(sha256(v2));
        assertThat(problem.path("actual").asString()).isEqualTo(sha256(v1));
        assertProblem(http.get(workspace + "/connectors/sequence"), 404, "CONNECTOR_NOT_FOUND");
        assertThat(storedBlobs()).isEqualTo(blobsBefore);
    }

    @Test
    void reportsUrlThatAnswersWithAnError() {
        String workspace = newWorkspace();
        jarHost.stubFor(get("/missing.jar").willReturn(aResponse().withStatus(404)));

        Answer answer = http.postJson(workspace + "/connectors", body("name", "missing", "url", url("/missing.jar")));

        JsonNode problem = assertProblem(answer, 422, "URL_FETCH_FAILED");
        assertThat(problem.path("upstreamStatus").asInt()).isEqualTo(404);
        assertProblem(http.get(workspace + "/connectors/missing"), 404, "CONNECTOR_NOT_FOUND");
    }

    @Test
    void followsRedirectToTheJar() {
        String workspace = newWorkspace();
        serve("/cdn/sequence-1.0.jar", v1);
        jarHost.stubFor(get("/download/sequence").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/cdn/sequence-1.0.jar")));

        Answer answer = http.postJson(workspace + "/connectors",
                body("name", "sequence", "url", url("/download/sequence")));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.json().path("version").path("sha256").asString()).isEqualTo(sha256(v1));
        assertThat(answer.json().path("version").path("sourceUrl").asString()).isEqualTo(url("/download/sequence"));
    }

    @Test
    void attachesDependencyJarsFromUrlsAsSnapshotsWithTheConnector() throws IOException {
        String workspace = newWorkspace();
        byte[] connector = bytes(TestJars.jar("broken-needs-driver"));
        byte[] driver = bytes(TestJars.jar("broken-echo-driver"));
        serve("/releases/needs-driver-1.0.jar", connector);
        serve("/releases/echo-driver-1.0.jar", driver);
        int blobs = storedBlobs().size();

        Answer mismatch = http.postJson(workspace + "/connectors", Map.of("name", "echo",
                "url", url("/releases/needs-driver-1.0.jar"), "dependencies",
                List.of(Map.of("url", url("/releases/echo-driver-1.0.jar"), "sha256", sha256(connector)))));
        assertProblem(mismatch, 422, "CHECKSUM_MISMATCH");
        assertThat(storedBlobs()).hasSize(blobs);

        Answer answer = http.postJson(workspace + "/connectors", Map.of("name", "echo",
                "url", url("/releases/needs-driver-1.0.jar"), "dependencies",
                List.of(Map.of("url", url("/releases/echo-driver-1.0.jar"), "sha256", sha256(driver)))));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        JsonNode dependency = answer.json().path("version").path("dependencies").get(0);
        assertThat(dependency.path("sourceType").asString()).isEqualTo("URL");
        assertThat(dependency.path("sourceUrl").asString()).isEqualTo(url("/releases/echo-driver-1.0.jar"));
        assertThat(dependency.path("fileName").asString()).isEqualTo("echo-driver-1.0.jar");
        assertThat(dependency.path("sha256").asString()).isEqualTo(sha256(driver));
        serve("/releases/echo-driver-1.0.jar", connector);
        assertThat(http.get(workspace + "/jars/" + sha256(driver)).bytes()).as("a snapshot").isEqualTo(driver);
    }

    private void serve(String path, byte[] jar) {
        jarHost.stubFor(get(path).willReturn(aResponse().withHeader("Content-Type", "application/java-archive")
                .withBody(jar)));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + jarHost.port() + path;
    }
}
