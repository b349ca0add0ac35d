package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link RegistrationApiTest} on a fresh schema of the real PostgreSQL. */
class RegistrationApiPostgresTest extends RegistrationApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
