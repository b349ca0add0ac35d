package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link AnalysisApiTest} on a fresh schema of the real PostgreSQL. */
class AnalysisApiPostgresTest extends AnalysisApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
