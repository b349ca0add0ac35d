package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link VersionLifecycleApiTest} on a fresh schema of the real PostgreSQL. */
class VersionLifecycleApiPostgresTest extends VersionLifecycleApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
