package dev.flinkregistry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkregistry.server.support.AnalysisServiceProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link HostileJarsApiTest} with every analysis done by the remote analysis service: the registry's data
 * is as it was, no answer shows a secret (the service's process has the same canary in its environment),
 * and no process an attack started outlives its analysis.
 */
class HostileJarsRemoteApiTest extends HostileJarsApiTest {

    @Override
    Map<String, Object> settings() {
        return AnalysisServiceProcess.shared().serverSettings();
    }

    @Test
    void theHealthSaysAnalysesRunInTheServiceIsolated() {
        var analysis = http().get("/actuator/health").json().path("components").path("analysis");

        assertThat(analysis.path("status").asString()).isEqualTo("UP");
        assertThat(analysis.path("details").path("location").asString())
                .isEqualTo(AnalysisServiceProcess.shared().baseUrl() + "/");
        assertThat(analysis.path("details").path("isolated").asBoolean()).isTrue();
    }
}
