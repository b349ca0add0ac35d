package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link WorkspaceApiTest} on a fresh schema of the real PostgreSQL. */
class WorkspaceApiPostgresTest extends WorkspaceApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
