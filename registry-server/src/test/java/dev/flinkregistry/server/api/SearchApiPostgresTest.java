package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link SearchApiTest} on a fresh schema of the real PostgreSQL. */
class SearchApiPostgresTest extends SearchApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
