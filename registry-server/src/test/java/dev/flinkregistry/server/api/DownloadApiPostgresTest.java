package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link DownloadApiTest} on a fresh schema of the real PostgreSQL. */
class DownloadApiPostgresTest extends DownloadApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
