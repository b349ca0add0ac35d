package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link AcceptedFindingsApiTest} on a fresh schema of the real PostgreSQL. */
class AcceptedFindingsApiPostgresTest extends AcceptedFindingsApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
