package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link JobChecksApiTest} on a fresh schema of the real PostgreSQL. */
class JobChecksApiPostgresTest extends JobChecksApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
