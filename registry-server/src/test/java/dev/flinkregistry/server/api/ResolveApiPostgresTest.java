package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link ResolveApiTest} on a fresh schema of the real PostgreSQL. */
class ResolveApiPostgresTest extends ResolveApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
