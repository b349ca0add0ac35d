package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link UpdateApiTest} on a fresh schema of the real PostgreSQL. */
class UpdateApiPostgresTest extends UpdateApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
