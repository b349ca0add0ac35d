package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link ValidateApiTest} on a fresh schema of the real PostgreSQL. */
class ValidateApiPostgresTest extends ValidateApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
