package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link UrlRegistrationApiTest} on a fresh schema of the real PostgreSQL. */
class UrlRegistrationApiPostgresTest extends UrlRegistrationApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
