package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link ExplainApiTest} on a fresh schema of the real PostgreSQL. */
class ExplainApiPostgresTest extends ExplainApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
