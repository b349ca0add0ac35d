package dev.flinkregistry.server.api;

import dev.flinkregistry.server.support.TestDatabases;
import java.util.Map;

/** {@link ProtocolApiTest} on a fresh schema of the real PostgreSQL. */
class ProtocolApiPostgresTest extends ProtocolApiTest {

    @Override
    Map<String, Object> database() {
        return TestDatabases.freshPostgresSchema();
    }
}
