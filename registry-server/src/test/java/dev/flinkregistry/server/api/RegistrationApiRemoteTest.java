package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.AnalysisServiceProcess;
import dev.flinkregistry.server.support.RegistryHttp.Answer;
import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/**
 * {@link RegistrationApiTest} (sample and Maven Central connectors, broken JARs, concurrent registrations)
 * with every analysis done by the remote analysis service as its own process, on PostgreSQL; and the
 * known limitation that the service takes no dependency JARs (bad input tried: a JAR with a dependency part).
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

    @org.junit.jupiter.api.Test
    void refusesDependencyJarsBecauseTheServiceAnalysesOneJarAndStoresNothing() throws java.io.IOException {
        String workspace = newWorkspace();
        int blobs = storedBlobs().size();
        Multipart form = new Multipart()
                .file("file", "needs-driver.jar", bytes(dev.flinkregistry.testsupport.TestJars.jar("broken-needs-driver")))
                .file("dependency", "echo-driver.jar",
                        bytes(dev.flinkregistry.testsupport.TestJars.jar("broken-echo-driver")));

        Answer answer = http.post(workspace + "/connectors?name=echo", form.contentType(), form.bytes());

        assertProblem(answer, 501, "DEPENDENCIES_NOT_ANALYSABLE");
        assertProblem(http.get(workspace + "/connectors/echo"), 404, "CONNECTOR_NOT_FOUND");
        org.assertj.core.api.Assertions.assertThat(storedBlobs()).hasSize(blobs);
    }
}
