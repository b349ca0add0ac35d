package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link StoredJarIntegrityApiTest} on a fresh schema of the real PostgreSQL. */
class StoredJarIntegrityApiPostgresTest extends StoredJarIntegrityApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
