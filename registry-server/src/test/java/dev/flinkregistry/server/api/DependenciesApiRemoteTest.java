package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.AnalysisServiceProcess;
import dev.flinkregistry.server.support.TestDatabases;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link DependenciesApiTest} with every analysis done by the remote analysis service as its own
 * process, on PostgreSQL: the connector and its dependency JARs travel to the service as one form and
 * the same rules hold as with this server's own workers.
 */
class DependenciesApiRemoteTest extends DependenciesApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }

    @Override
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(super.settings());
        settings.putAll(AnalysisServiceProcess.shared().serverSettings());
        return settings;
    }
}
