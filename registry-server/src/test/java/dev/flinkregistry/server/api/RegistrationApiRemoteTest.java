package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.AnalysisServiceProcess;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.TestDatabases;
import dev.flinkregistry.testsupport.TestJars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@link RegistrationApiTest} (sample and Maven Central connectors, broken JARs, concurrent registrations)
 * with every analysis done by the remote analysis service as its own process, on PostgreSQL; and a
 * connector whose factory needs a dependency JAR, analysed there with it on its class path
 * ({@link DependenciesApiRemoteTest} runs the whole dependency suite so).
 */
class RegistrationApiRemoteTest extends RegistrationApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }

    @Override
    Map<String, Object> settings() {
        return AnalysisServiceProcess.shared().serverSettings();
    }

    @Test
    void registersAConnectorWithTheDependencyItsFactoryNeedsAndRefusesItWithoutAsLocally() throws IOException {
        String workspace = newWorkspace();
        int blobs = storedBlobs().size();
        Path connector = TestJars.jar("broken-needs-driver");
        Path driver = TestJars.jar("broken-echo-driver");
        Multipart form = new Multipart().file("file", "needs-driver.jar", bytes(connector))
                .file("dependency", "echo-driver.jar", bytes(driver));

        Answer alone = register(workspace, "echo", connector);
        Answer withDriver = http.post(workspace + "/connectors?name=echo", form.contentType(), form.bytes());

        JsonNode refused = assertProblem(alone, 422, "ANALYSIS_REFUSED");
        assertThat(refused.path("findings").get(0).path("code").asString()).isEqualTo("FACTORY_DEPENDENCY_MISSING");
        assertThat(withDriver.status()).as(withDriver.text()).isEqualTo(201);
        JsonNode version = withDriver.json().path("version");
        assertThat(version.path("analysis").path("accepted").asBoolean()).isTrue();
        assertThat(version.path("analysis").path("factories").get(0).path("identifier").asString())
                .isEqualTo("driver-backed");
        assertThat(version.path("dependencies").get(0).path("sha256").asString()).isEqualTo(sha256(bytes(driver)));
        assertThat(http.get(workspace + "/connectors/echo").status()).isEqualTo(200);
        assertThat(storedBlobs()).as("the connector's JAR and the driver").hasSize(blobs + 2);
    }
}
