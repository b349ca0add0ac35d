package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.RegistryHttp;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.RunningRegistry;
import dev.flinkregistry.testsupport.Await;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * DESIGN rule 3's refusal: where no isolation mechanism can run the worker (failure injected: the
 * worker's Java is one that cannot start), the server starts, says why in {@code /actuator/health}
 * ({@code analysis} DOWN with the reason) and answers every analysis with 503
 * {@code ANALYSIS_SANDBOX_UNAVAILABLE}, storing nothing; everything else keeps working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxUnavailableApiTest {

    private static final String WS = "/api/v1/workspaces/default";

    private RunningRegistry registry;
    private RegistryHttp http;

    @BeforeAll
    void start() throws IOException {
        Path brokenJava = Files.createTempDirectory("broken-java-");
        Path java = Files.createDirectories(brokenJava.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'this Java cannot start' >&2\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(brokenJava.resolve("release"), "JAVA_VERSION=\"21.0.1\"\n");
        registry = RunningRegistry.startFresh(Map.of("registry.analysis.java-home", brokenJava.toString()));
        http = registry.http();
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void theHealthSaysAnalysesAreRefusedAndWhy() {
        Await.until("the isolation probe finished", Duration.ofSeconds(60),
                () -> !analysisHealth().path("status").asString().isEmpty());

        JsonNode analysis = analysisHealth();
        assertThat(analysis.path("status").asString()).isEqualTo("DOWN");
        assertThat(analysis.path("details").path("isolated").asBoolean()).isFalse();
        assertThat(analysis.path("details").path("reason").asString()).isNotBlank();
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void analysesAndRegistrationsAreRefusedWithTheReasonAndNothingIsStored() throws IOException {
        for (Answer answer : new Answer[] {http.postJar(WS + "/analysis", TestJars.sequenceV1()),
                http.postJar(WS + "/connectors?name=seq", TestJars.sequenceV1())}) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(503);
            assertThat(answer.json().path("code").asString()).isEqualTo("ANALYSIS_SANDBOX_UNAVAILABLE");
            assertThat(answer.json().path("detail").asString()).contains("isolat", "registry.analysis.isolation=none");
            assertThat(answer.header("Retry-After")).isEqualTo("60");
        }
        assertThat(http.get(WS + "/connectors").json().path("total").asInt()).isZero();
        assertThat(registry.dataDir().resolve("blobs")).isEmptyDirectory();
        assertThat(http.get(WS + "/validate").status()).as("the rest of the API answers").isEqualTo(405);
        assertThat(http.postJson(WS + "/validate", Map.of("options", Map.of("connector", "datagen"))).status())
                .isEqualTo(200);
    }

    private JsonNode analysisHealth() {
        return http.get("/actuator/health").json().path("components").path("analysis");
    }
}
