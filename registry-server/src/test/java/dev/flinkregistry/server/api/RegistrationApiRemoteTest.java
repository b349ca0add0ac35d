package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.AnalysisServiceProcess;
import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/**
 * {@link RegistrationApiTest} (sample and Maven Central connectors, broken JARs, concurrent registrations)
 * with every analysis done by the remote analysis service as its own process, on PostgreSQL.
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
}
