package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link DependenciesApiTest} on a fresh schema of the real PostgreSQL. */
class DependenciesApiPostgresTest extends DependenciesApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
