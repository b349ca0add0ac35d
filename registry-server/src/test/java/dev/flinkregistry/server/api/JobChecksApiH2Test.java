package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link JobChecksApiTest} on the embedded H2 database. */
class JobChecksApiH2Test extends JobChecksApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
