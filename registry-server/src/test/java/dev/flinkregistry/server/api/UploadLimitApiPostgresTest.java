package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link UploadLimitApiTest} on a fresh schema of the real PostgreSQL. */
class UploadLimitApiPostgresTest extends UploadLimitApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
